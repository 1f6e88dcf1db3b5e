def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
Nginx.writeTwoBuilds(basedir)
def server = Nginx.newInstance(basedir)
// another archive, served for every .jar path that is not really there
Nginx.writeJar(new File(server.root, 'seed/other.jar'), 'something else')
String url = server.start('location ~ \\.jar$ { try_files $uri /seed/other.jar; }')
Nginx.mavenConfig(basedir, ["-Dhotpatch.repositoryUrl=${url}", '-Dhotpatch.repositoryId=hotpatch-it'])
return true
