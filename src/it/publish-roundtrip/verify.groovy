import groovy.json.JsonSlurper

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

def report = new JsonSlurper().parse(new File(basedir, 'target/hotpatch/report.json'))
String hash = report.hash
assert report.verdict == 'HOT_SWAPPABLE'
assert hash ==~ /[0-9a-f]{64}/
String version = "1.0-${hash.substring(0, 12)}"
String coordinates = "it.hotpatch:greeter-hotpatch:jar:${version}"

// the artifact in nginx's directory is the patch, byte for byte
File published = new File(server.root, "repo/it/hotpatch/greeter-hotpatch/${version}/greeter-hotpatch-${version}.jar")
assert published.isFile() : "nothing published at ${published}"
assert Nginx.sha256(published) == hash
assert Nginx.sha256(new File(basedir, 'target/hotpatch/hotpatch.jar')) == hash

// uploaded once (run 2), downloaded back to verify; run 3 uploaded nothing
def jarPuts = server.requests('PUT', '201').findAll { it.contains('.jar ') }
assert jarPuts.size() == 1 : "expected one upload of the jar, got ${jarPuts}"

String log = new File(basedir, 'build.log').text
assert log.contains("Published ${coordinates} in repository 'hotpatch-it'")
assert log.contains('verified its SHA-256 by downloading it back')
assert log.contains("Patch already published: ${coordinates}")
assert log.contains("hotpatch hash: ${hash}")
assert log.contains("hotpatch coordinates: ${coordinates} (published)")
assert log.contains("hotpatch coordinates: ${coordinates} (already published)")
assert !log.contains(Nginx.PASSWORD)

// TeamCity service messages, bare on stdout
assert log.contains("##teamcity[setParameter name='hotpatch.hash' value='${hash}']")
assert log.contains("##teamcity[setParameter name='hotpatch.coordinates' value='${coordinates}']")
assert log.contains("##teamcity[setParameter name='hotpatch.verdict' value='HOT_SWAPPABLE']")
assert log.contains("##teamcity[buildStatus text='{build.status.text}; hotpatch ${hash.substring(0, 12)} HOT_SWAPPABLE']")
assert log =~ /##teamcity\[publishArtifacts '.*target.hotpatch => hotpatch'\]/

// GitHub Actions: outputs appended by runs 2 and 3, step summary with the report's Markdown
def outputs = new File(basedir, 'target/github-output').readLines()
assert outputs == ["hash=${hash}", 'verdict=HOT_SWAPPABLE', "coordinates=${coordinates}"] * 2
String summary = new File(basedir, 'target/github-step-summary.md').text
assert summary.contains("- verdict: **HOT_SWAPPABLE**")
assert summary.contains("Patch `${coordinates}` (published).")
assert summary.contains("- hash: `${hash}`")
assert summary.contains('`com/acme/Greeter.class`')
return true
