import groovy.json.JsonSlurper

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
Process app = null
File appLog = new File(basedir, 'target/app.log')
try {
    def report = new JsonSlurper().parse(new File(basedir, 'target/hotpatch/report.json'))
    String hash = report.hash
    String version = "1.0-${hash.substring(0, 12)}"
    assert report.verdict == 'HOT_SWAPPABLE'
    assert new File(basedir, 'build.log').text.contains("hotpatch coordinates: it.hotpatch:agent-shop-hotpatch:jar:${version} (published)")

    // the deployed service, with the agent and an empty configuration: no patch yet
    String repositoryUrl = new File(basedir, '.mvn/maven.config').readLines()
            .find { it.startsWith('-Dhotpatch.repositoryUrl=') } - '-Dhotpatch.repositoryUrl='
    File config = new File(basedir, 'target/hotpatch.properties')
    config.text = ''
    int port = Nginx.freePort()
    String java = new File(System.getProperty('java.home'), 'bin/java').path
    String agentArgs = "repo=${repositoryUrl},groupId=it.hotpatch,artifactId=agent-shop-hotpatch," +
            "config=${config.toURI()},interval=200ms,user=${Nginx.USER},password=${Nginx.PASSWORD}"
    app = new ProcessBuilder(java, "-javaagent:${agentJar}=${agentArgs}", '-jar',
            new File(basedir, 'target/deployed/shop.jar').path, "${port}")
            .redirectErrorStream(true).redirectOutput(appLog).start()

    def answer = { ->
        try {
            new URL("http://127.0.0.1:${port}/").text
        } catch (IOException notYet) {
            null
        }
    }
    def await = { Closure<Boolean> wanted, String what ->
        long end = System.currentTimeMillis() + 90_000
        String last = null
        while (System.currentTimeMillis() < end) {
            last = answer()
            if (last != null && wanted(last)) {
                return last
            }
            sleep 200
        }
        throw new AssertionError("the service never ${what}; last answer: ${last}\n${appLog.text}")
    }

    String before = await({ it.startsWith('Hello pid=') }, 'served the deployed code')
    assert before.contains("pid=${app.pid()} patch=none")

    // CI handed back the hash; the fleet's configuration names it
    config.text = "version=${version}\nhash=${hash}\n"
    String after = await({ it.startsWith('Hello, patched pid=') && !it.contains('patch=none') }, 'served the fix')
    assert after == "Hello, patched pid=${app.pid()} patch=${version}+${hash.substring(0, 12)}"
    assert app.isAlive()
    assert appLog.text.contains("[hotpatch] applied ${version} (${hash.substring(0, 12)}): 1 entries, all in place")
    assert appLog.text =~ /REDEFINE [\w.]+Greeter[^:]*: redefined in 1 class loader/
    assert !appLog.text.contains(Nginx.PASSWORD)
} finally {
    app?.destroyForcibly()
    server.stop()
}
return true
