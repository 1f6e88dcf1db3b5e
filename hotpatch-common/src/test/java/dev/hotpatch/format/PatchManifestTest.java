package dev.hotpatch.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchManifestTest {
    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static PatchManifest withPaths(String... paths) {
        return new PatchManifest(SHA, "", "", PatchManifest.RESTART_REQUIRED, java.util.Arrays.stream(paths)
                .map(p -> new PatchManifest.Entry(p, ChangeKind.ADDED, null, null, null, List.of(), null, SHA, 0, -1,
                        null))
                .toList());
    }

    @Test
    void namesThatOnlyEndInDotsAreOrdinaryNamesAndReadBack() {
        // a fuzzer's find: the archive reader takes "PP.." as a name; the manifest reader refused it
        PatchManifest written = withPaths("PP../x.txt", "lib/app..jar!/com/a..b/C.class", "..x/y");

        PatchManifest read = PatchManifest.parse(written.toJson());

        assertThat(read.changes()).extracting(PatchManifest.Entry::path)
                .containsExactly("PP../x.txt", "lib/app..jar!/com/a..b/C.class", "..x/y");
    }

    @Test
    void pathsThatLeaveThePatchOrTheBuildAreRefused() {
        for (String path : List.of("..", "a/../b", "a/..", "../a", "lib/x.jar!/../y", "lib/..!/y", "/etc/passwd",
                "a\\b", "")) {
            byte[] json = withPaths("placeholder").toJson();
            byte[] changed = new String(json, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("placeholder", path.replace("\\", "\\\\")).getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertThatThrownBy(() -> PatchManifest.parse(changed)).as(path)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no usable path");
        }
    }

    @Test
    void aParentSegmentIsFoundAtAnyLevelAndOnlyWhole() {
        assertThat(List.of("..", "../a", "a/..", "a/../b", "..!/a", "lib/x.jar!/..!/y", "a//.."))
                .allMatch(PatchManifest::hasParentSegment);
        assertThat(List.of("", ".", "...", "a..", "..a", "a/.../b", "a/.!/b", "lib/x.jar!/y..", "a/b..!/c", "//"))
                .noneMatch(PatchManifest::hasParentSegment);
    }
}
