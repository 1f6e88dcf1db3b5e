package dev.hotpatch.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {
    private static final String BASE = "Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.launch.JarLauncher\n"
            + "Start-Class: org.springframework.samples.petclinic.PetClinicApplication\n";

    /** Seen on spring-petclinic: one build generated its SBOM (CycloneDX), the other did not. */
    @Test
    void theSbomAttributesOfSpringBootAreBuildMetadata() {
        byte[] withSbom = (BASE + "Sbom-Location: META-INF/sbom/application.cdx.json\nSbom-Format: CycloneDX\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] without = BASE.getBytes(StandardCharsets.UTF_8);

        assertThat(IgnoreRules.defaults().manifestRule(withSbom, without)).contains("manifest-build-attributes");
    }

    @Test
    void anotherStartClassIsAChange() {
        byte[] other = BASE.replace("PetClinicApplication", "Other").getBytes(StandardCharsets.UTF_8);

        assertThat(IgnoreRules.defaults().manifestRule(BASE.getBytes(StandardCharsets.UTF_8), other)).isEmpty();
    }
}
