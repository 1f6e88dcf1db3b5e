package dev.hotpatch.core.diff;

import dev.hotpatch.core.archive.EntryPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The ignore rules of a run: by default the build metadata that changes on every build (listed in
 * {@code docs/patch-format.md}), plus the user's globs.
 */
public record IgnoreRules(List<IgnoreRule> rules) {
    public static final String MANIFEST = "META-INF/MANIFEST.MF";

    /** Manifest main attributes that build tools stamp with the build's JDK, user, host or time. */
    public static final Set<String> BUILD_ATTRIBUTES = Set.of("Build-Jdk-Spec", "Build-Jdk", "Created-By",
            "Built-By", "Build-Time", "Build-Timestamp", "Build-Date", "Build-Host", "Build-OS", "Build-Number",
            "Bnd-LastModified", "Implementation-Build", "Tool", "Sbom-Location", "Sbom-Format");

    public static final List<IgnoreRule> DEFAULTS = List.of(
            IgnoreRule.PathGlob.of("git-properties", "**/git.properties"),
            IgnoreRule.PathGlob.of("build-info", "**/META-INF/build-info.properties"),
            IgnoreRule.PathGlob.of("sbom", "**/META-INF/sbom/**", "**/bom.json", "**/bom.xml", "**/*.cdx.json",
                    "**/*.cdx.xml", "**/*.spdx.json"),
            new IgnoreRule.ManifestAttributes("manifest-build-attributes", BUILD_ATTRIBUTES));

    public IgnoreRules {
        rules = List.copyOf(rules);
    }

    public static IgnoreRules defaults() {
        return new IgnoreRules(DEFAULTS);
    }

    /** The defaults (unless switched off) plus one rule per user glob, named {@code user:<glob>}. */
    public static IgnoreRules of(boolean useDefaults, List<String> userGlobs) {
        List<IgnoreRule> all = new ArrayList<>();
        if (useDefaults) {
            all.addAll(DEFAULTS);
        }
        for (String glob : userGlobs) {
            all.add(IgnoreRule.PathGlob.of("user:" + glob.trim(), glob.trim()));
        }
        return new IgnoreRules(all);
    }

    /** The name of the first path rule that matches, if any. */
    public Optional<String> pathRule(EntryPath path) {
        for (IgnoreRule rule : rules) {
            if (rule instanceof IgnoreRule.PathGlob glob && glob.matches(path)) {
                return Optional.of(rule.name());
            }
        }
        return Optional.empty();
    }

    /** Whether this entry is a manifest that content rules may judge. */
    public static boolean isManifest(EntryPath path) {
        return path.name().equals(MANIFEST);
    }

    /**
     * The name of the manifest rule under which two manifests are equal, if any: equal once the
     * rule's main attributes are removed from both.
     */
    public Optional<String> manifestRule(byte[] oldManifest, byte[] newManifest) {
        for (IgnoreRule rule : rules) {
            if (rule instanceof IgnoreRule.ManifestAttributes attrs
                    && sameWithout(oldManifest, newManifest, attrs.attributes())) {
                return Optional.of(rule.name());
            }
        }
        return Optional.empty();
    }

    private static boolean sameWithout(byte[] a, byte[] b, Set<String> ignored) {
        try {
            Manifest ma = new Manifest(new ByteArrayInputStream(a));
            Manifest mb = new Manifest(new ByteArrayInputStream(b));
            for (String name : ignored) {
                ma.getMainAttributes().remove(new Attributes.Name(name));
                mb.getMainAttributes().remove(new Attributes.Name(name));
            }
            return ma.equals(mb);
        } catch (IOException | IllegalArgumentException e) {
            return false; // not a parseable manifest: a real change
        }
    }
}
