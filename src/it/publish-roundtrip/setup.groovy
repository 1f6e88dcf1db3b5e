def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
String url = server.start()
Nginx.mavenConfig(basedir, ["-Dhotpatch.repositoryUrl=${url}", '-Dhotpatch.repositoryId=hotpatch-it'])
return true
