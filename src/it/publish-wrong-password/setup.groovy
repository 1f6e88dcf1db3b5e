def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
Nginx.writeTwoBuilds(basedir)
def server = Nginx.newInstance(basedir)
String url = server.start("""
    location /open/ {
      auth_basic off;
      dav_methods PUT;
      create_full_put_path on;
      limit_except GET HEAD {
        auth_basic "hotpatch IT writes";
        auth_basic_user_file ${server.home}/htpasswd;
      }
    }""")
String base = url - '/repo'
Nginx.mavenConfig(basedir, ["-Dit.server=${base}"])
new File(basedir, 'server-url.txt').text = base
return true
