package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlBaselineTest {
    @TempDir
    Path dir;

    @Test
    void recognisesFileAndHttpUrlsButNotPathsOrCoordinates() {
        assertThat(UrlBaseline.isUrl("file:/srv/app.jar")).isTrue();
        assertThat(UrlBaseline.isUrl("HTTPS://repo.example.com/app.jar")).isTrue();
        assertThat(UrlBaseline.isUrl("http://127.0.0.1:8080/app.jar")).isTrue();
        assertThat(UrlBaseline.isUrl("target/app.jar")).isFalse();
        assertThat(UrlBaseline.isUrl("com.acme:app:1.0")).isFalse();
    }

    @Test
    void aFileUrlIsReadInPlace() throws Exception {
        Path jar = Files.writeString(dir.resolve("app 1.jar"), "not really a jar");

        assertThat(new UrlBaseline(null, null).fetch(jar.toUri().toString(), "hotpatch.baseline")).isEqualTo(jar);
    }

    @Test
    void aMissingFileUrlIsNeverTreatedAsEmpty() {
        String url = dir.resolve("gone.jar").toUri().toString();

        assertThatThrownBy(() -> new UrlBaseline(null, null).fetch(url, "hotpatch.baseline"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("hotpatch.baseline " + url + " does not exist")
                .hasMessageContaining("never diffs against a missing build");
    }
}
