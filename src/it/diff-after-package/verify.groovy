import groovy.json.JsonSlurper
import java.security.MessageDigest

File out = new File(basedir, 'target/hotpatch')
File patch = new File(out, 'hotpatch.jar')
assert patch.isFile() : 'no patch archive was written'

String hash = MessageDigest.getInstance('SHA-256').digest(patch.bytes).encodeHex().toString()
def report = new JsonSlurper().parse(new File(out, 'report.json'))
assert report.hash == hash
assert report.archive == 'hotpatch.jar'
assert report.changes*.path == ['com/acme/Greeter.class']
assert report.changes*.kind == ['MODIFIED']
assert report.baseline.file.endsWith('greeter.jar')
// the dry run on the JDK running Maven took the fix
assert report.dryRun.status == 'COMPLETED'
assert report.dryRun.jvm.version == System.getProperty('java.runtime.version')
assert report.dryRun.classes*.answer == ['ACCEPTED']
assert new File(out, 'hotpatch.jar.sha256').text == "${hash}  hotpatch.jar\n"

String log = new File(basedir, 'build.log').text
assert log.contains('Changes: 0 added, 1 modified, 0 removed')
assert log.contains('Self-check passed')
assert log.contains('Dry run on ')
assert log.contains("hash: ${hash}")
return true
