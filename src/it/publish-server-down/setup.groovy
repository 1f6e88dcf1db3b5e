def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
Nginx.writeTwoBuilds(basedir)
// a free port with nothing listening on it
String url = "http://127.0.0.1:${Nginx.freePort()}/repo"
Nginx.mavenConfig(basedir, ["-Dhotpatch.repositoryUrl=${url}", '-Dhotpatch.repositoryId=hotpatch-it'])
new File(basedir, 'repository-url.txt').text = url
return true
