def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
Nginx.writeTwoBuilds(basedir)
def server = Nginx.newInstance(basedir)
// another archive, served for every .jar path that is not really there
File other = new File(server.root, 'seed/other.jar')
other.parentFile.mkdirs()
new java.util.zip.ZipOutputStream(new FileOutputStream(other)).withCloseable { zip ->
    zip.putNextEntry(new java.util.zip.ZipEntry('config/app.properties'))
    zip.write('greeting=something else\n'.bytes)
}
String url = server.start('location ~ \\.jar$ { try_files $uri /seed/other.jar; }')
Nginx.mavenConfig(basedir, ["-Dhotpatch.repositoryUrl=${url}", '-Dhotpatch.repositoryId=hotpatch-it'])
return true
