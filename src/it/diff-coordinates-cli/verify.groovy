import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/patch/report.json'))
assert report.baseline.source == 'it.hotpatch:greeter:1.0'
assert report.baseline.file.contains('it/hotpatch/greeter/1.0/greeter-1.0.jar')
assert report.baseline.repository != null
assert report.changes*.path == ['com/acme/Greeter.class']
assert new File(basedir, 'target/patch/hotpatch.jar').isFile()
assert new File(basedir, 'build.log').text.contains("hash: ${report.hash}")
return true
