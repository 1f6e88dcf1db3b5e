def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
Nginx.writeTwoBuilds(basedir)
String url = Nginx.newInstance(basedir).start()
Nginx.mavenConfig(basedir, ["-Dhotpatch.repositoryUrl=${url}", '-Dhotpatch.repositoryId=hotpatch-it-wrong'])
new File(basedir, 'repository-url.txt').text = url
return true
