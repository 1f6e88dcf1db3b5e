def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
server.stop()

def (String down, String busy) = new File(basedir, 'repository-urls.txt').readLines()
String log = new File(basedir, 'build.log').text
String coordinates = /it\.hotpatch:publish-server-down-hotpatch:jar:2\.0-[0-9a-f]{12}/
[down, busy].each { url ->
    String where = "in repository 'hotpatch-it' \\(\\Q${url}\\E\\)"
    assert log =~ /Attempt 1 to look up ${coordinates} ${where} failed .*; retrying in 50 ms/
    assert log =~ /Attempt 2 to look up ${coordinates} ${where} failed .*; retrying in 100 ms/
    assert log =~ /PUBLISH_FAILED: Could not look up ${coordinates} ${where} after 3 attempts/
}
assert log.contains('Connection refused')
// exactly our three attempts reached the busy server: the transport's own retries are off
def busyGets = server.requests('GET', '503')
assert busyGets.size() == 3 : busyGets
return true
