package dev.hotpatch.core.classfile;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchEvent;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.testing.Greeter;
import dev.hotpatch.core.testing.JavaSources;
import dev.hotpatch.core.testing.TestArchives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same compiler must have built both sides; the evidence is shown when it did not. */
class CompilerCheckTest {
    private static final String SOURCE = "package com.acme; public class Greeter { public String greet(String n) { return %s; } }";

    @TempDir
    Path dir;

    private final List<HotpatchEvent> events = new ArrayList<>();

    @Test
    void manifestsNamingDifferentJdksFailTheRunNamingBoth() {
        // the class bytes of both sides come from one javac: only the manifests tell the JDKs apart
        Path deployed = jar(Greeter.deployed(), "17").write(dir.resolve("deployed.jar"));
        Path branch = jar(Greeter.fixed(), "25").write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, false)).isInstanceOfSatisfying(HotpatchException.class, e -> {
            assertThat(e.reason()).isEqualTo(ReasonCode.COMPILER_MISMATCH);
            assertThat(e.getMessage())
                    .contains("deployed built by JDK 17 (Build-Jdk-Spec: 17 in " + deployed + "!/META-INF/MANIFEST.MF)")
                    .contains("branch by JDK 25 (Build-Jdk-Spec: 25 in " + branch + "!/META-INF/MANIFEST.MF)")
                    .contains("use skipCompilerCheck(true) to accept the risk");
        });
        assertThat(dir.resolve("out/hotpatch.jar")).doesNotExist();
    }

    @Test
    void theOverrideTurnsTheMismatchIntoAWarning() {
        Path deployed = jar(Greeter.deployed(), "17").write(dir.resolve("deployed.jar"));
        Path branch = jar(Greeter.fixed(), "25").write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, true);

        assertThat(result.patch()).isPresent();
        assertThat(events).filteredOn(e -> e.level() == HotpatchEvent.Level.WARN).extracting(HotpatchEvent::message)
                .anySatisfy(m -> assertThat(m).contains("JDK 17").contains("JDK 25").contains("Going on because of skipCompilerCheck(true)"));
    }

    @Test
    void classFilesForAnotherJavaVersionAreAMismatchWithoutAnyManifest() {
        byte[] forJava11 = JavaSources.compile(Map.of("com.acme.Greeter", SOURCE.formatted("\"Hello, \" + n")), "--release", "11")
                .get(Greeter.ENTRY);
        Path deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add(Greeter.ENTRY, forJava11).write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, false)).isInstanceOfSatisfying(HotpatchException.class, e ->
                assertThat(e.getMessage()).contains("class file versions differ in com/acme/Greeter.class (61 -> 55)")
                        .contains("Java 17 (major 61)").contains("Java 11 (major 55)"));
    }

    @Test
    void differentDebugOptionsAreAMismatch() {
        byte[] withoutDebug = JavaSources.compile(Map.of("com.acme.Greeter", SOURCE.formatted("\"Hello, \" + n")), "-g:none")
                .get(Greeter.ENTRY);
        Path deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add(Greeter.ENTRY, withoutDebug).write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, false)).isInstanceOfSatisfying(HotpatchException.class, e ->
                assertThat(e.getMessage()).contains("debug attributes differ (javac -g options)"));
    }

    @Test
    void warnsWhenMostClassesChanged() {
        TestArchives.ZipBuilder before = zip();
        TestArchives.ZipBuilder after = zip();
        for (int i = 0; i < 12; i++) {
            String name = "com.acme.C" + i;
            String source = "package com.acme; public class C" + i + " { int f() { return %d; } }";
            before.add("com/acme/C" + i + ".class", JavaSources.compile(Map.of(name, source.formatted(1))).get("com/acme/C" + i + ".class"));
            after.add("com/acme/C" + i + ".class", JavaSources.compile(Map.of(name, source.formatted(2))).get("com/acme/C" + i + ".class"));
        }

        diff(before.write(dir.resolve("deployed.jar")), after.write(dir.resolve("branch.jar")), false);

        assertThat(events).filteredOn(e -> e.level() == HotpatchEvent.Level.WARN).extracting(HotpatchEvent::message)
                .contains("12 of 12 compared classes changed; a change this wide usually means different compiler"
                        + " options or a different compiler, not a bug fix");
    }

    private DiffResult diff(Path deployed, Path branch, boolean skipCompilerCheck) {
        return new Hotpatch(events::add).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .skipCompilerCheck(skipCompilerCheck).build());
    }

    /** A jar as maven-jar-plugin writes it on the given JDK. */
    private static TestArchives.ZipBuilder jar(byte[] greeter, String jdk) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin 3.5.1\n"
                + "Build-Jdk-Spec: " + jdk + "\n").add(Greeter.ENTRY, greeter);
    }
}
