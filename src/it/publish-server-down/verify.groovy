String url = new File(basedir, 'repository-url.txt').text
String log = new File(basedir, 'build.log').text
assert log.contains("Attempt 1 to look up it.hotpatch:publish-server-down-hotpatch:jar:2.0-")
assert log.contains('retrying in 50 ms')
assert log.contains('retrying in 100 ms')
assert log =~ /PUBLISH_FAILED: Could not look up it\.hotpatch:publish-server-down-hotpatch:jar:2\.0-[0-9a-f]{12} in repository 'hotpatch-it' \(\Q${url}\E\) after 3 attempts/
return true
