package dev.hotpatch.cli;

import static dev.hotpatch.core.testing.TestArchives.tar;
import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.testing.Greeter;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher ({@code target/hotpatch/bin/hotpatch}, copied so each test starts without
 * an archive): it runs the CLI, records a class-data-sharing archive on the first diff that
 * succeeds and maps it on the next runs.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private Path home;
    private Path deployed;
    private Path branch;

    @BeforeEach
    void install() throws IOException {
        Path packaged = Path.of(System.getProperty("hotpatch.launcher.home", "target/hotpatch"));
        assertThat(packaged.resolve("bin/hotpatch")).as("the package phase builds the launcher").isExecutable();
        home = dir.resolve("hotpatch");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(packaged.resolve("bin/hotpatch"), home.resolve("bin/hotpatch"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> lib = Files.list(packaged.resolve("lib"))) {
            for (Path file : lib.filter(f -> !f.getFileName().toString().endsWith(".jsa")).toList()) {
                Files.copy(file, home.resolve("lib").resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertThat(home.resolve("lib/jit-directives.json")).as("the package phase ships the JIT directives").exists();
        deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        branch = zip().add(Greeter.ENTRY, Greeter.fixed()).write(dir.resolve("branch.jar"));
    }

    @Test
    void theFirstDiffRecordsAnArchiveAndTheNextRunLoadsTheCliFromIt() throws Exception {
        Run first = hotpatch(Map.of(), "diff", deployed.toString(), branch.toString(), "--out", dir.resolve("one").toString());
        assertThat(first.exit).as(first.output).isZero();
        assertThat(archives()).hasSize(1);

        // JDK 17 and 25 both take the switch that maps the archive where it was recorded
        assertThat(archives().get(0).getFileName().toString()).endsWith("-fixed.jsa");

        Path classLog = dir.resolve("classes.log");
        Path cdsLog = dir.resolve("cds.log");
        Run second = hotpatch(Map.of("HOTPATCH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog
                        + " -Xlog:cds=info:file=" + cdsLog),
                "diff", deployed.toString(), branch.toString(), "--out", dir.resolve("two").toString());

        assertThat(second.exit).as(second.output).isZero();
        assertThat(second.output).isEqualTo(first.output.replace(dir.resolve("one").toString(),
                dir.resolve("two").toString())).contains("hash: ");
        assertThat(Files.readString(classLog)).contains("dev.hotpatch.cli.Main source: shared objects file")
                .contains("dev.hotpatch.core.diff.Differ source: shared objects file")
                // a static archive: JDK 17 leaves classes older than Java 6 out of one recorded at exit
                .contains("org.objectweb.asm.ClassReader source: shared objects file");
        assertThat(Files.readString(cdsLog)).as("a static archive, mapped at its own address, not relocated")
                .contains("Mapped static").doesNotContain("at an alternative address");
        assertThat(Files.readAllBytes(dir.resolve("two/hotpatch.jar"))).isEqualTo(Files.readAllBytes(dir.resolve("one/hotpatch.jar")));
    }

    @Test
    void theLauncherStartsTheJarsMainClass() throws Exception {
        String mainClass;
        try (var jar = new java.util.jar.JarFile(home.resolve("lib/hotpatch-cli.jar").toFile())) {
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }

        assertThat(Files.readAllLines(home.resolve("bin/hotpatch"))).as("the launcher names it rather than use -jar")
                .contains("main=" + mainClass);
    }

    @Test
    void helpAndFailedRunsPassThroughAndRecordNothing() throws Exception {
        Run help = hotpatch(Map.of(), "--help");
        assertThat(help.exit).isZero();
        assertThat(help.output).startsWith("usage: hotpatch diff").contains("--max-compression-ratio N");

        Run missing = hotpatch(Map.of(), "diff", dir.resolve("missing.jar").toString(), branch.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.output).contains("hotpatch: INPUT_MISSING");

        assertThat(hotpatch(Map.of(), "diff", "--no-such-option").exit).isEqualTo(2);
        assertThat(archives()).isEmpty();
    }

    @Test
    void aRebuiltJarGetsAFreshArchiveAndTheStaleOneGoes() throws Exception {
        assertThat(hotpatch(Map.of(), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("one").toString()).exit).isZero();
        List<Path> before = archives();
        // the same size and time stamp (a reproducible build), other bytes: the JVM alone would not notice
        Path jar = home.resolve("lib/hotpatch-cli.jar");
        byte[] bytes = Files.readAllBytes(jar);
        var time = Files.getLastModifiedTime(jar);
        bytes[10] ^= 1; // the first local header's time field, which no reader of the jar uses
        Files.write(jar, bytes);
        Files.setLastModifiedTime(jar, time);

        assertThat(hotpatch(Map.of(), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("two").toString()).exit).isZero();

        assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aMovedInstallationGetsAnArchiveOfItsOwn() throws Exception {
        assertThat(hotpatch(Map.of(), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("one").toString()).exit).isZero();
        List<Path> before = archives();
        // an archive names the class path it was dumped with and the JVM refuses it on any other
        Path moved = dir.resolve("moved");
        Files.move(home, moved);
        home = moved;

        Path classLog = dir.resolve("classes.log");
        Run first = hotpatch(Map.of(), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("two").toString());
        Run second = hotpatch(Map.of("HOTPATCH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "diff",
                deployed.toString(), branch.toString(), "--out", dir.resolve("three").toString());

        assertThat(first.exit).as(first.output).isZero();
        assertThat(second.exit).as(second.output).isZero();
        assertThat(archives()).as("a new archive; the one it brought along, useless now, is gone").hasSize(1)
                .doesNotContainAnyElementsOf(before.stream().map(p -> moved.resolve("lib").resolve(p.getFileName()))
                        .toList());
        assertThat(Files.readString(classLog)).contains("dev.hotpatch.cli.Main source: shared objects file");
    }

    @Test
    void theJitOptionsReachTheJvmQuietlyFromAPathWithASpace() throws Exception {
        Path moved = dir.resolve("with space");
        Files.move(home, moved);
        home = moved;

        Run quiet = hotpatch(Map.of(), "--help");
        Run shown = hotpatch(Map.of("HOTPATCH_JAVA_OPTS",
                "-XX:+DisplayVMOutput -XX:+CompilerDirectivesPrint -XX:+PrintFlagsFinal"), "--help");

        assertThat(quiet.exit).as(quiet.output).isZero();
        assertThat(quiet.output).startsWith("usage: hotpatch diff").doesNotContain("directives")
                .doesNotContain("CompileCommand").doesNotContain("CompileThresholdScaling");
        assertThat(shown.exit).as(shown.output).isZero();
        assertThat(shown.output).contains("matching: sun/security/provider/*.*")
                .contains("CompileThresholdScaling,sun.security.provider.*::*,0.01");
    }

    @Test
    void eachJdkGetsItsOwnArchiveAndTheSamePatch() throws Exception {
        String jdk25 = System.getProperty("hotpatch.test.jdk25", "");
        Assumptions.assumeFalse(jdk25.isBlank(), "no second JDK configured");
        assertThat(hotpatch(Map.of(), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("here").toString()).exit).isZero();

        Run other = hotpatch(Map.of("JAVA_HOME", jdk25), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("jdk25").toString());

        assertThat(other.exit).as(other.output).isZero();
        assertThat(archives()).hasSize(2);
        assertThat(Files.readAllBytes(dir.resolve("jdk25/hotpatch.jar")))
                .isEqualTo(Files.readAllBytes(dir.resolve("here/hotpatch.jar")));
    }

    @Test
    void aLinkedLauncherFindsJavaOnThePathAndLeavesTheDirectoryWhereItStarted() throws Exception {
        // what a package manager makes: the launcher linked from another directory by a relative
        // link, java a chain of links on the PATH (as /usr/bin/java -> /etc/alternatives/java -> ...)
        String jdk25 = System.getProperty("hotpatch.test.jdk25", "");
        Path jdk = Path.of(jdk25.isBlank() ? System.getProperty("java.home") : jdk25).toRealPath();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path tools = Files.createDirectories(work.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("hotpatch"), tools.relativize(home.resolve("bin/hotpatch")));
        // a CDPATH entry holding the same relative path: cd would go there, and say so on standard output
        Files.createDirectories(dir.resolve("elsewhere/tools"));
        Path alternatives = Files.createSymbolicLink(dir.resolve("alternatives-java"), jdk.resolve("bin/java"));
        Path bin = Files.createDirectories(dir.resolve("path bin"));
        Files.createSymbolicLink(bin.resolve("java"), alternatives);
        Files.copy(deployed, work.resolve("deployed.jar"));
        Files.copy(branch, work.resolve("branch.jar"));
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", bin + ":/usr/bin:/bin", "CDPATH",
                dir.resolve("elsewhere").toString()));
        env.put("JAVA_HOME", null);

        Run first;
        Run second;
        try {
            first = run(work, env, "tools/hotpatch", "diff", "deployed.jar", "branch.jar", "--out", "one");
            env.put("HOTPATCH_JAVA_OPTS", "-XshowSettings:properties -Xlog:class+load=info:file=../classes.log");
            second = run(work, env, "tools/hotpatch", "diff", "deployed.jar", "branch.jar", "--out", "two");
        } finally {
            // links out of the temporary directory: JUnit would warn about each when it cleans up
            Files.delete(bin.resolve("java"));
            Files.delete(alternatives);
        }

        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).startsWith("Comparing baseline deployed.jar with target branch.jar");
        assertThat(work.resolve("one/hotpatch.jar")).as("relative paths are the user's, not the launcher's").exists();
        assertThat(archives()).hasSize(1);
        assertThat(second.exit).as(second.output).isZero();
        assertThat(second.output).as("the java on the PATH ran").contains("java.home = " + jdk);
        assertThat(Files.readString(dir.resolve("classes.log")))
                .contains("dev.hotpatch.cli.Main source: shared objects file");
        assertThat(Files.readAllBytes(work.resolve("two/hotpatch.jar")))
                .isEqualTo(Files.readAllBytes(work.resolve("one/hotpatch.jar")));
    }

    @Test
    void aDiffLinksNoLambdaOfTheEnginesOwn() throws Exception {
        // Each lambda, method reference or stream pipeline a run passes through is an invokedynamic
        // call site a cold JVM links the first time, a quarter to half a millisecond apiece even with
        // the class archived; writing them as loops and small classes made a run ~10% faster
        // (bench/README.md).
        // a fat jar; a tar.gz holding it (inflated to a scratch file, its jar read from there); two folders
        byte[] deployedJar = Files.readAllBytes(deployed);
        byte[] branchJar = Files.readAllBytes(branch);
        Path deployedTar = TestArchives.write(dir.resolve("deployed.tar.gz"),
                tar().add("shop/lib/greeter.jar", deployedJar).tarGzBytes());
        Path branchTar = TestArchives.write(dir.resolve("branch.tar.gz"),
                tar().add("shop/lib/greeter.jar", branchJar).tarGzBytes());
        Path deployedDir = TestArchives.write(dir.resolve("deployed-dir/lib/greeter.jar"), deployedJar)
                .getParent().getParent();
        Path branchDir = TestArchives.write(dir.resolve("branch-dir/lib/greeter.jar"), branchJar).getParent().getParent();
        Path[][] pairs = {{deployed, branch}, {deployedTar, branchTar}, {deployedDir, branchDir}};

        for (Path[] pair : pairs) {
            Run run = hotpatch(Map.of("HOTPATCH_JAVA_OPTS", "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true"),
                    "diff", pair[0].toString(), pair[1].toString(), "--out", dir.resolve("out").toString());

            assertThat(run.exit).as(run.output).isZero();
            assertThat(run.output).as(pair[0].toString()).contains("Self-check passed");
            List<String> linked = run.output.lines().filter(l -> l.startsWith("linkCallSite ")).toList();
            assertThat(linked).as("the trace is on: the JDK's own call sites show").isNotEmpty();
            assertThat(linked).as("call sites in hotpatch's classes linked by a diff of " + pair[0])
                    .noneMatch(l -> l.startsWith("linkCallSite dev.hotpatch."));
        }
    }

    @Test
    void anArchiveDirectoryOfItsOwnIsUsedAndPrunedWhenAnArchiveIsRecorded() throws Exception {
        Path cds = dir.resolve("cds");
        Files.createDirectories(cds);
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(40)));
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Path oldArchive = touch(cds.resolve("hotpatch-1-2-3-fixed.jsa"), longAgo);
        Path recentArchive = touch(cds.resolve("hotpatch-4-5-6-fixed.jsa"), null);
        Path killedList = touch(cds.resolve("hotpatch-1-2-3.classes.999"), twoHoursAgo);
        Path killedDump = touch(cds.resolve("hotpatch-1-2-3-fixed.jsa.999"), twoHoursAgo);
        Path runningList = touch(cds.resolve("hotpatch-7-8-9.classes.1234"), null);
        Path notOurs = touch(cds.resolve("notes.txt"), longAgo);
        Map<String, String> env = Map.of("HOTPATCH_CDS_DIR", cds.toString());

        Run first = hotpatch(env, "diff", deployed.toString(), branch.toString(), "--out", dir.resolve("one").toString());

        assertThat(first.exit).as(first.output).isZero();
        assertThat(archives()).as("nothing in lib/").isEmpty();
        try (Stream<Path> files = Files.list(cds)) {
            List<Path> left = files.sorted().toList();
            assertThat(left).contains(recentArchive, runningList, notOurs)
                    .doesNotContain(oldArchive, killedList, killedDump)
                    .filteredOn(f -> f.getFileName().toString().endsWith("-fixed.jsa")).hasSize(2);
        }

        Path classLog = dir.resolve("classes.log");
        Map<String, String> logged = new HashMap<>(env);
        logged.put("HOTPATCH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Run second = hotpatch(logged, "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("two").toString());
        assertThat(second.exit).as(second.output).isZero();
        assertThat(Files.readString(classLog)).contains("dev.hotpatch.cli.Main source: shared objects file");
    }

    private static Path touch(Path file, FileTime time) throws IOException {
        Files.write(file, new byte[] {1});
        if (time != null) {
            Files.setLastModifiedTime(file, time);
        }
        return file;
    }

    @Test
    void withoutCdsTheLauncherRunsTheSameCli() throws Exception {
        Run run = hotpatch(Map.of("HOTPATCH_CDS", "off"), "diff", deployed.toString(), branch.toString(), "--out",
                dir.resolve("out").toString());

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("Self-check passed");
        assertThat(archives()).isEmpty();
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private record Run(int exit, String output) { }

    private Run hotpatch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/hotpatch").toString()));
        command.addAll(List.of(args));
        return run(null, env, command.toArray(String[]::new));
    }

    /** Runs a command in a directory (null: this one) with JAVA_HOME set to this JVM's; a null value in env unsets. */
    private static Run run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("HOTPATCH_JAVA_OPTS");
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
