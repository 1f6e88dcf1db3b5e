import groovy.json.JsonSlurper

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

def report = new JsonSlurper().parse(new File(basedir, 'target/hotpatch/report.json'))
assert report.verdict == 'RESTART_REQUIRED'
assert report.changes[0].reasons*.code.contains('METHOD_ADDED')

// the reviewer's page names the reason and what to do instead
String html = new File(basedir, 'target/hotpatch/report.html').text
assert html.contains('data-code="METHOD_ADDED"')
assert html.contains('What to do instead.')

String log = new File(basedir, 'build.log').text
assert log.contains('RESTART_REQUIRED: The patch cannot be applied to a running JVM')
assert log.contains('method com.acme.Greeter.farewell(Ljava/lang/String;)Ljava/lang/String; was added')

// CI still hears the verdict, but nothing reached the repository
assert new File(basedir, 'target/github-output').text.contains('verdict=RESTART_REQUIRED')
assert server.requests('PUT', '201').isEmpty()
assert server.requests('GET', '200').isEmpty()
return true
