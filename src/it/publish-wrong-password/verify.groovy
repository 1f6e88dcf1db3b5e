def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

String url = new File(basedir, 'repository-url.txt').text
String log = new File(basedir, 'build.log').text
assert log.contains("PUBLISH_FAILED: The repository refused access (401/403)")
assert log.contains("server id 'hotpatch-it-wrong', URL ${url}")
assert log.contains("Check the <server> with id 'hotpatch-it-wrong' in settings.xml")
assert !log.contains('not-the-password') && !log.contains(Nginx.PASSWORD)
assert !log.contains('retrying') : 'an authentication failure must not be retried'
assert server.requests('PUT', '').isEmpty() : 'something was uploaded'
assert !new File(server.root, 'repo').list()
return true
