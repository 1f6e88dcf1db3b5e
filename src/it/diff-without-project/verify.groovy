import groovy.json.JsonSlurper

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

String log = new File(basedir, 'build.log').text
assert !log.contains('NullPointerException')

// run 2 failed before diffing, naming the parameter that was missing
assert log.contains('Publishing needs the deployed build\'s Maven coordinates')
assert log.contains('-Dhotpatch.baselineCoordinates=groupId:artifactId:version')

// without a project the outputs go to target/hotpatch in the directory Maven ran in
def report = new JsonSlurper().parse(new File(basedir, 'target/hotpatch/report.json'))
assert report.baseline.source == 'deployed.jar'
assert report.target.source == 'branch.jar'
assert report.changes*.path == ['com/acme/Greeter.class']
assert report.verdict == 'HOT_SWAPPABLE'
String hash = report.hash
assert new File(basedir, 'target/hotpatch/summary.md').isFile()
assert Nginx.sha256(new File(basedir, 'target/hotpatch/hotpatch.jar')) == hash

// run 3 published it under the declared coordinates
String version = "1.0-${hash.substring(0, 12)}"
String coordinates = "it.hotpatch:greeter-hotpatch:jar:${version}"
File published = new File(server.root, "repo/it/hotpatch/greeter-hotpatch/${version}/greeter-hotpatch-${version}.jar")
assert published.isFile() : "nothing published at ${published}"
assert Nginx.sha256(published) == hash
assert log.contains("Published ${coordinates} in repository 'hotpatch-it'")
// runs 1 and 2 published nothing
assert server.requests('PUT', '201').findAll { it.contains('.jar ') }.size() == 1
return true
