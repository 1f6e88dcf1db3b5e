package dev.hotpatch.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.archive.EntryPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibraryPairTest {
    @ParameterizedTest
    @CsvSource({
        "2.4.240, 2.3.232, DOWNGRADE",
        "1.9, 1.10, UPGRADE",
        "6.1.5, 6.1.10, UPGRADE",
        "2.0-RC1, 2.0, UPGRADE",
        "2.0, 2.0.1, UPGRADE",
        "2.0.1, 2.0-RC1, DOWNGRADE",
        "4.1.100.Final, 4.1.99.Final, DOWNGRADE",
        "32.1.3-jre, 33.0.0-jre, UPGRADE",
        "1.0, 1.0, RENAMED",
    })
    void versionsOrderAsPeopleReadThem(String deployed, String branch, LibraryPair.Direction direction) {
        LibraryPair pair = new LibraryPair(EntryPath.of("lib/a-" + deployed + ".jar"), EntryPath.of("lib/a-" + branch + ".jar"),
                "a", deployed, branch);

        assertThat(pair.direction()).isEqualTo(direction);
    }
}
