def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
Nginx.writeJar(new File(server.root, 'files/deployed.jar'), 'hello')
Nginx.writeJar(new File(basedir, 'branch.jar'), 'hi')
String url = server.start().replace('/repo', '/files/deployed.jar')
Nginx.mavenConfig(basedir, ["-Dhotpatch.baseline=${url}"])
new File(basedir, 'baseline-url.txt').text = url
return true
