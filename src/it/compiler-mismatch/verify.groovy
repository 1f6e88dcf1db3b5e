String log = new File(basedir, 'build.log').text
// invocation 2: refused, naming both JDKs and the override
assert log.contains('[ERROR]')
assert log =~ /deployed built by JDK 25 \(Build-Jdk-Spec: 25 in [^)]*greeter\.jar!\/META-INF\/MANIFEST\.MF\), branch by JDK 17 \(Build-Jdk-Spec: 17/
assert log.contains('-Dhotpatch.skipCompilerCheck=true')
// invocation 3: the override turns it into a warning and the run completes
assert log.contains('Going on because of -Dhotpatch.skipCompilerCheck=true.')
assert new File(basedir, 'target/hotpatch/hotpatch.jar').isFile()
return true
