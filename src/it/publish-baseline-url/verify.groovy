import groovy.json.JsonSlurper

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

String url = new File(basedir, 'baseline-url.txt').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotpatch/report.json'))
assert report.baseline.source == url
assert report.baseline.sha256 == Nginx.sha256(new File(server.root, 'files/deployed.jar'))
assert report.changes*.path == ['com/acme/Greeting.class']
assert !new File(report.baseline.file).exists() : 'the downloaded baseline was not deleted'
// fetched with the credentials of the settings.xml server, which never show in the log
assert server.requests('GET', '302').any { it.contains('/releases/deployed.jar ') }
assert server.requests('GET', '200').any { it.contains(' deployer [') && it.contains('/files/deployed.jar ') }
assert !new File(basedir, 'build.log').text.contains(Nginx.PASSWORD)
return true
