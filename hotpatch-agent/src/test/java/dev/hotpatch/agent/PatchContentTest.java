package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class PatchContentTest {
    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2};

    @Test
    void mapsPatchPathsToClassNames() {
        assertThat(PatchContent.className("BOOT-INF/classes/com/acme/A.class")).isEqualTo("com/acme/A");
        assertThat(PatchContent.className("WEB-INF/classes/com/acme/A.class")).isEqualTo("com/acme/A");
        assertThat(PatchContent.className("BOOT-INF/lib/x-1.0.jar!/com/acme/B.class")).isEqualTo("com/acme/B");
        assertThat(PatchContent.className("com/acme/C.class")).isEqualTo("com/acme/C");
        assertThat(PatchContent.className("BOOT-INF/classes/application.properties")).isNull();
        assertThat(PatchContent.className("META-INF/versions/17/com/acme/D.class")).isNull();
    }

    @Test
    void readsTheManifestAndItsClasses() throws IOException {
        PatchContent patch = PatchContent.read(archive("HOT_SWAPPABLE", PatchContent.sha256(CLASS)));

        assertThat(patch.baselineSha256()).isEqualTo("ab".repeat(32));
        assertThat(patch.verdict()).isEqualTo("HOT_SWAPPABLE");
        assertThat(patch.classes()).containsOnlyKeys("com/acme/A");
        assertThat(patch.classes().get("com/acme/A").newBytes()).isEqualTo(CLASS);
    }

    @Test
    void refusesContentThatDoesNotMatchTheManifest() {
        assertThatThrownBy(() -> PatchContent.read(archive("HOT_SWAPPABLE", "cd".repeat(32))))
                .hasMessageContaining("BOOT-INF/classes/com/acme/A.class does not match its SHA-256");
    }

    @Test
    void refusesAnArchiveWithoutManifest() {
        assertThatThrownBy(() -> PatchContent.read(zip(Map.of("entries/x", CLASS)))).hasMessageContaining("no hotpatch.json");
    }

    private static byte[] archive(String verdict, String newSha) throws IOException {
        String json = """
                {
                  "format": "hotpatch-patch/1",
                  "baseline": { "sha256": "%s", "root": "" },
                  "target": { "root": "" },
                  "verdict": "%s",
                  "changes": [
                    { "path": "BOOT-INF/classes/com/acme/A.class", "kind": "MODIFIED", "container": "",
                      "oldSha256": "%s", "newSha256": "%s", "size": 6,
                      "entry": "entries/BOOT-INF/classes/com/acme/A.class" },
                    { "path": "BOOT-INF/classes/app.properties", "kind": "REMOVED", "container": "",
                      "oldSha256": "%s", "size": 1 }
                  ]
                }
                """.formatted("ab".repeat(32), verdict, "00".repeat(32), newSha, "11".repeat(32));
        return zip(Map.of("hotpatch.json", json.getBytes(StandardCharsets.UTF_8),
                "entries/BOOT-INF/classes/com/acme/A.class", CLASS));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
