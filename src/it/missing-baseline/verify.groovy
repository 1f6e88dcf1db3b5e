String log = new File(basedir, 'build.log').text
String expected = new File(basedir, 'deployed/app.jar').absolutePath
assert log.contains('[ERROR]')
assert log.contains(expected) : "the error should name ${expected}"
assert !new File(basedir, 'target/hotpatch/hotpatch.jar').exists()
assert !new File(basedir, 'target/hotpatch/report.json').exists()
return true
