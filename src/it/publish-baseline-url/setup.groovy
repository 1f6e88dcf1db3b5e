def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
Nginx.writeJar(new File(server.root, 'files/deployed.jar'), 'hello')
Nginx.writeJar(new File(basedir, 'branch.jar'), 'hi')
// the baseline URL redirects, as repository managers often do; the credentials follow on the same host
String url = server.start('location = /releases/deployed.jar { return 302 /files/deployed.jar; }')
        .replace('/repo', '/releases/deployed.jar')
Nginx.mavenConfig(basedir, ["-Dhotpatch.baseline=${url}"])
new File(basedir, 'baseline-url.txt').text = url
return true
