package dev.hotpatch.cli;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.testing.Greeter;
import dev.hotpatch.core.testing.TestArchives;
import dev.hotpatch.format.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI writes the same bytes under another JDK as under this one. */
class CliReproducibilityTest {
    @TempDir
    Path dir;

    /**
     * Runs the CLI under the second JDK (Temurin 25 by default, set by the build as
     * {@code hotpatch.test.jdk25}; pass {@code -Dhotpatch.test.jdk25=} to skip on a machine without it).
     */
    @Test
    void jdk25WritesTheSameBytesAsThisJdk() throws Exception {
        String jdk = System.getProperty("hotpatch.test.jdk25", "");
        Assumptions.assumeFalse(jdk.isBlank(), "no second JDK configured");
        Path java = Path.of(jdk, "bin", "java");
        assertThat(java).as("hotpatch.test.jdk25 must point at a JDK").isExecutable();
        Path deployed = app(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = app(Greeter.fixed()).stored("BOOT-INF/lib/added-1.0.jar", zip().add("a/A.class", "a").bytes())
                .write(dir.resolve("branch.jar"));

        // the added library needs a restart: this test is about bytes, not the verdict
        byte[] here = patch(deployed, branch, dir.resolve("here"));
        Path out = dir.resolve("jdk25");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "diff", deployed.toString(), branch.toString(), "--out", out.toString(),
                "--no-fail-on-restart"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("hash: " + Sha256.of(here));

        assertThat(Files.readAllBytes(out.resolve(DiffRequest.ARCHIVE_NAME))).isEqualTo(here);
    }

    private static byte[] patch(Path baseline, Path target, Path out) throws IOException {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(messages, true, StandardCharsets.UTF_8);
        int exit = Main.run(new String[] {"diff", baseline.toString(), target.toString(), "--out", out.toString(),
                "--no-fail-on-restart"}, print, print);
        assertThat(exit).as(messages.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllBytes(out.resolve(DiffRequest.ARCHIVE_NAME));
    }

    private static TestArchives.ZipBuilder app(byte[] greeterClass) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .add("BOOT-INF/classes/application.properties", "greeting=hello\n")
                .stored("BOOT-INF/lib/greeting-1.0.jar", zip().add(Greeter.ENTRY, greeterClass).bytes());
    }
}
