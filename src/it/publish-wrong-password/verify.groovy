def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

String base = new File(basedir, 'server-url.txt').text
String log = new File(basedir, 'build.log').text
String refused = "PUBLISH_FAILED: The repository refused access (401/403) to"
assert log =~ /\Q${refused} look up it.hotpatch:publish-wrong-password-hotpatch:jar:2.0-\E[0-9a-f]{12}: server id 'hotpatch-it-wrong', URL \Q${base}\E\/repo\./
assert log =~ /\Q${refused} upload it.hotpatch:publish-wrong-password-hotpatch:jar:2.0-\E[0-9a-f]{12}: server id 'hotpatch-it-wrong', URL \Q${base}\E\/open\./
assert log.contains("Check the <server> with id 'hotpatch-it-wrong' in settings.xml")
assert !log.contains('not-the-password') && !log.contains(Nginx.PASSWORD)
assert !log.contains('retrying') : 'an authentication failure must not be retried'
assert server.requests('PUT', '2').isEmpty() : 'something was uploaded'
assert server.requests('PUT', '401').size() >= 1 : 'the upload was never tried'
assert !new File(server.root, 'repo').list()
assert !new File(server.root, 'open').exists()
return true
