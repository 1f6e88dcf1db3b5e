package dev.hotpatch.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchCoordinatesTest {
    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void aPatchIsNamedAfterItsBaselineAndHash() {
        PatchCoordinates c = PatchCoordinates.of("com.acme.prod", "shop-app", "1.4.2", HASH);

        assertThat(c).hasToString("com.acme.prod:shop-app-hotpatch:jar:1.4.2-0123456789ab");
        assertThat(c.repositoryPath())
                .isEqualTo("com/acme/prod/shop-app-hotpatch/1.4.2-0123456789ab/shop-app-hotpatch-1.4.2-0123456789ab.jar");
    }
}
