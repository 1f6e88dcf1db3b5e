import groovy.json.JsonSlurper

File out = new File(basedir, 'target/hotpatch')
def report = new JsonSlurper().parse(new File(out, 'report.json'))
assert report.verdict == 'HOT_SWAPPABLE'
assert report.dryRun.status == 'COMPLETED'
// the toolchain's JVM answered, not the one running Maven
assert report.dryRun.jvm.version.startsWith('25')
assert report.dryRun.classes*.class == ['com/acme/Greeter']
assert report.dryRun.classes*.answer == ['ACCEPTED']
assert new File(out, 'summary.md').text.contains(report.dryRun.jvm.version)

String log = new File(basedir, 'build.log').text
assert log.contains('Dry run on ') && log.contains(report.dryRun.jvm.version)
return true
