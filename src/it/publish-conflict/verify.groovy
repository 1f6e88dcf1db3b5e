import groovy.json.JsonSlurper

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

String hash = new JsonSlurper().parse(new File(basedir, 'target/hotpatch/report.json')).hash
String other = Nginx.sha256(new File(server.root, 'seed/other.jar'))
String coordinates = "it.hotpatch:publish-conflict-hotpatch:jar:2.0-${hash.substring(0, 12)}"
String log = new File(basedir, 'build.log').text
assert log.contains("PUBLISH_FAILED: ${coordinates} already exists in repository 'hotpatch-it'")
assert log.contains("with SHA-256 ${other}, but this patch's SHA-256 is ${hash}")
assert log.contains('hotpatch never overwrites a published patch')
assert server.requests('PUT', '').isEmpty() : 'something was uploaded'
assert !new File(server.root, 'repo').list()
return true
