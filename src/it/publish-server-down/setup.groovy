def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
Nginx.writeTwoBuilds(basedir)
String busy = Nginx.newInstance(basedir).start('location /busy/ { return 503; }').replace('/repo', '/busy')
String down = "http://127.0.0.1:${Nginx.freePort()}/repo"
Nginx.mavenConfig(basedir, ["-Dit.down=${down}", "-Dit.busy=${busy}"])
new File(basedir, 'repository-urls.txt').text = "${down}\n${busy}\n"
return true
