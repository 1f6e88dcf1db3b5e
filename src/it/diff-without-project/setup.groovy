import java.nio.file.Files
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import javax.tools.ToolProvider

// the deployed build and the branch build, compiled here: this directory has no pom to build them
File jar(String name, String greeting) {
    File src = new File(basedir, "target/src-${name}/com/acme/Greeter.java")
    src.parentFile.mkdirs()
    src.text = "package com.acme; public class Greeter { public String greet(String n) { return \"${greeting}, \" + n; } }"
    File classes = new File(basedir, "target/classes-${name}")
    classes.mkdirs()
    assert ToolProvider.systemJavaCompiler.run(null, null, null, '--release', '17', '-d', classes.path, src.path) == 0
    File out = new File(basedir, "${name}.jar")
    out.withOutputStream { os ->
        new JarOutputStream(os).withCloseable { jar ->
            jar.putNextEntry(new JarEntry('com/acme/Greeter.class'))
            jar.write(Files.readAllBytes(new File(classes, 'com/acme/Greeter.class').toPath()))
            jar.closeEntry()
        }
    }
    return out
}
jar('deployed', 'Hello')
jar('branch', 'Hi')

def Nginx = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSources, 'NginxRepository.groovy'))
def server = Nginx.newInstance(basedir)
String url = server.start()
Nginx.mavenConfig(basedir, ["-Dhotpatch.repositoryUrl=${url}", '-Dhotpatch.repositoryId=hotpatch-it'])
return true
