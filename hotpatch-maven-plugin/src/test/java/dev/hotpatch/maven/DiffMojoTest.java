package dev.hotpatch.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mojo as Maven configures it: parameters in, files and log lines out. */
@MojoTest
class DiffMojoTest {
    @TempDir
    Path dir;

    private final List<String> infoLines = new ArrayList<>();

    @Test
    @InjectMojo(goal = "diff")
    void writesThePatchAndLogsItsHash(DiffMojo mojo) throws Exception {
        configure(mojo, jar(dir.resolve("deployed.jar"), "Hello"), jar(dir.resolve("branch.jar"), "Hello, world"));
        // a changed resource needs a restart since the apply plan; this test is about the patch and its hash
        setVariableValueToObject(mojo, "failOnRestartRequired", false);

        mojo.execute();

        Path patch = dir.resolve("out/hotpatch.jar");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(patch)));
        assertThat(dir.resolve("out/report.json")).content().contains("\"hash\": \"" + hash + "\"");
        assertThat(dir.resolve("out/report.html")).content().contains("<code id=\"hash\">" + hash + "</code>");
        assertThat(infoLines).contains("Changes: 0 added, 1 modified, 0 removed; 0 ignored", "hash: " + hash);
    }

    @Test
    @InjectMojo(goal = "diff")
    void aMissingBaselineFailsTheBuildNamingTheFile(DiffMojo mojo) throws Exception {
        Path missing = dir.resolve("not-there.jar");
        configure(mojo, missing, jar(dir.resolve("branch.jar"), "Hello"));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(missing.toString());
        assertThat(dir.resolve("out/report.json")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "diff")
    void withoutATargetTheUnpackagedProjectIsAClearError(DiffMojo mojo) throws Exception {
        configure(mojo, jar(dir.resolve("deployed.jar"), "Hello"), null);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("not packaged yet").hasMessageContaining("-Dhotpatch.target");
    }

    @Test
    @InjectMojo(goal = "diff")
    void aLimitThatIsNotPositiveFailsTheBuildNamingIt(DiffMojo mojo) throws Exception {
        configure(mojo, jar(dir.resolve("deployed.jar"), "Hello"), jar(dir.resolve("branch.jar"), "Hello, world"));
        setVariableValueToObject(mojo, "maxEntries", 0);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("INVALID_REQUEST").hasMessageContaining("maxEntries=0");
        assertThat(dir.resolve("out/hotpatch.jar")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "diff")
    void skipDoesNothing(DiffMojo mojo) throws Exception {
        configure(mojo, dir.resolve("not-there.jar"), dir.resolve("not-there-either.jar"));
        setVariableValueToObject(mojo, "skip", true);

        mojo.execute();

        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(infoLines).containsExactly("hotpatch:diff skipped (hotpatch.skip)");
    }

    @Test
    @InjectMojo(goal = "diff")
    void aDryRunWithoutTheAgentJarIsAClearError(DiffMojo mojo) throws Exception {
        configure(mojo, jar(dir.resolve("deployed.jar"), "Hello"), jar(dir.resolve("branch.jar"), "Hello, world"));
        setVariableValueToObject(mojo, "dryRun", true);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("dev.hotpatch:hotpatch-agent").hasMessageContaining("-Dhotpatch.dryRun=false");
    }

    private void configure(DiffMojo mojo, Path baseline, Path target) throws IllegalAccessException {
        setVariableValueToObject(mojo, "baseline", baseline.toString());
        setVariableValueToObject(mojo, "target", target == null ? null : target.toString());
        setVariableValueToObject(mojo, "outputDirectory", dir.resolve("out").toFile());
        // the harness's plugin has no agent jar; the invoker ITs run the dry run for real
        setVariableValueToObject(mojo, "dryRun", false);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                infoLines.add(content.toString());
            }
        });
    }

    /** A jar with one resource whose text differs between the two builds. */
    private static Path jar(Path file, String greeting) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("com/acme/greeting.txt"));
            zip.write(greeting.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return Files.write(file, bytes.toByteArray());
    }
}
