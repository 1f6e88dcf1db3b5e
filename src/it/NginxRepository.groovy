// A real Maven repository server for the publish-* integration tests: nginx with WebDAV PUT and
// basic auth on a free loopback port, configured and run entirely under the IT's target/nginx.
// setup.groovy starts it and writes the repository URL into .mvn/maven.config, so the IT's goals
// run against it; verify.groovy stops it first, then checks what it holds.
class NginxRepository {
    static final String USER = 'deployer'
    static final String PASSWORD = 'it-s3cret'

    final File home

    NginxRepository(File basedir) {
        home = new File(basedir, 'target/nginx')
    }

    File getRoot() { new File(home, 'root') }

    File getAccessLog() { new File(home, 'logs/access.log') }

    static int freePort() {
        new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
    }

    /** Starts nginx; extraLocations are added inside the server block. Returns the repository URL. */
    String start(String extraLocations = '') {
        ['root/repo', 'logs', 'tmp'].each { new File(home, it).mkdirs() }
        new File(home, 'htpasswd').text = "${USER}:{PLAIN}${PASSWORD}\n"
        int port = freePort()
        String user = System.getProperty('user.name') == 'root' ? 'user root root;' : ''
        new File(home, 'nginx.conf').text = """
${user}
worker_processes 1;
daemon on;
pid ${home}/nginx.pid;
error_log ${home}/logs/error.log info;
events { worker_connections 64; }
http {
  access_log ${home}/logs/access.log;
  client_body_temp_path ${home}/tmp/body;
  proxy_temp_path ${home}/tmp/proxy;
  fastcgi_temp_path ${home}/tmp/fastcgi;
  uwsgi_temp_path ${home}/tmp/uwsgi;
  scgi_temp_path ${home}/tmp/scgi;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:${port};
    root ${home}/root;
    auth_basic "hotpatch IT repository";
    auth_basic_user_file ${home}/htpasswd;
    ${extraLocations}
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
"""
        run(['-p', home.path, '-c', "${home}/nginx.conf", '-e', "${home}/logs/error.log"])
        String url = "http://127.0.0.1:${port}/repo"
        for (int i = 0; i < 100; i++) {
            try {
                new Socket('127.0.0.1', port).close()
                return url
            } catch (IOException ignored) {
                Thread.sleep(100)
            }
        }
        throw new IllegalStateException("nginx did not start listening on ${port}; see ${home}/logs/error.log")
    }

    void stop() {
        File pid = new File(home, 'nginx.pid')
        if (pid.isFile()) {
            run(['-p', home.path, '-c', "${home}/nginx.conf", '-e', "${home}/logs/error.log", '-s', 'stop'])
            for (int i = 0; i < 100 && pid.isFile(); i++) {
                Thread.sleep(100)
            }
        }
    }

    private static void run(List<String> args) {
        String nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find { new File(it).canExecute() } ?: 'nginx'
        Process p = ([nginx] + args).execute()
        String out = p.err.text + p.in.text
        if (p.waitFor() != 0) {
            throw new IllegalStateException("nginx ${args} failed: ${out}")
        }
    }

    /** Passes -D options to every Maven invocation of the IT (Maven reads .mvn/maven.config). */
    static void mavenConfig(File basedir, List<String> options) {
        File dir = new File(basedir, '.mvn')
        dir.mkdirs()
        new File(dir, 'maven.config').text = options.join('\n') + '\n'
    }

    /** Two small builds as directories, deployed/ and branch/, that differ in one file. */
    /**
     * Two small builds as directories, deployed/ and branch/, differing in one method body of
     * com/acme/Greeting.class: a hot-swappable change (a resource change would need a restart).
     */
    static void writeTwoBuilds(File basedir) {
        ['deployed': 'hello', 'branch': 'hi'].each { dir, greeting ->
            File file = new File(basedir, "${dir}/com/acme/Greeting.class")
            file.parentFile.mkdirs()
            file.bytes = greetingClass(greeting)
        }
    }

    /** A one-entry jar whose com/acme/Greeting.class says the greeting. */
    static void writeJar(File jar, String greeting) {
        jar.parentFile.mkdirs()
        new java.util.zip.ZipOutputStream(new FileOutputStream(jar)).withCloseable { zip ->
            zip.putNextEntry(new java.util.zip.ZipEntry('com/acme/Greeting.class'))
            zip.write(greetingClass(greeting))
        }
    }

    /** The class com.acme.Greeting whose text() returns the greeting, compiled by this JDK's javac. */
    static byte[] greetingClass(String greeting) {
        File dir = File.createTempDir()
        try {
            File src = new File(dir, 'com/acme/Greeting.java')
            src.parentFile.mkdirs()
            src.text = "package com.acme; public class Greeting { public String text() { return \"${greeting}\"; } }"
            int rc = javax.tools.ToolProvider.systemJavaCompiler.run(null, null, null, '-d', dir.path, src.path)
            assert rc == 0 : "javac failed on ${src}"
            return new File(dir, 'com/acme/Greeting.class').bytes
        } finally {
            dir.deleteDir()
        }
    }

    static String sha256(File file) {
        java.security.MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
    }

    /** The lines of the access log with the given method and status, e.g. PUT 201. */
    List<String> requests(String method, String status) {
        accessLog.isFile() ? accessLog.readLines().findAll { it.contains("\"${method} ") && it.contains("\" ${status}") } : []
    }
}
