package dev.hotpatch.core.classfile;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.diff.IgnoredEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether the same compiler built both sides. Evidence comes from the manifests (the
 * top-level one and every manifest that differs between the builds) and from each changed class
 * file, compared with its own old version: its class file version, its debug attributes, how
 * string concatenation was compiled, and marks of non-javac compilers.
 */
public final class CompilerCheck {
    /** Manifest attributes that name the JDK that built the archive, most precise first. */
    static final List<String> JDK_ATTRIBUTES = List.of("Build-Jdk-Spec", "Build-Jdk", "Created-By");
    private static final Pattern JDK_VERSION = Pattern.compile("^(1\\.)?(\\d+)(?:[._+\\- ]|$)");
    /** Share of compared classes that, once changed, suggests different compiler flags. */
    static final int LARGE_SHARE_PERCENT = 50;
    static final int LARGE_SHARE_MINIMUM = 10;

    private final ContentStore store;

    public CompilerCheck(ContentStore store) {
        this.store = store;
    }

    /**
     * The outcome of the check.
     *
     * @param differences why the compilers differ; empty when they match
     * @param warnings    doubts that do not fail the run
     */
    public record Outcome(CompilerFingerprint deployed, CompilerFingerprint branch, List<String> differences,
            List<String> warnings) {
        public boolean matches() {
            return differences.isEmpty();
        }

        /**
         * The message of the failure: what differs first, then both sides' evidence and what to do.
         *
         * @param skipOption how the user skips the check ({@code --skip-compiler-check}, ...)
         */
        public String message(String skipOption) {
            return "The deployed build and the branch build were compiled differently, so a patch would mix their"
                    + " output: " + String.join("; ", differences) + ".\n  deployed: " + deployed.describeJdk()
                    + "; " + deployed.describeClasses() + "\n  branch:   " + branch.describeJdk() + "; "
                    + branch.describeClasses()
                    + "\nBuild the branch with the deployed build's JDK and compiler options, or use "
                    + skipOption + " to accept the risk.";
        }
    }

    public Outcome check(Archive baseline, Archive target, ChangeSet changes) {
        List<String> differences = new ArrayList<>();
        Jdk deployedJdk = jdkOf(baseline, changes, true);
        Jdk branchJdk = jdkOf(target, changes, false);
        Side deployed = new Side();
        Side branch = new Side();
        List<String> versionChanged = new ArrayList<>();
        List<String> debugChanged = new ArrayList<>();
        int modifiedClasses = 0;
        for (Change c : changes.changes()) {
            if (c.kind() != ChangeKind.MODIFIED || !c.path().name().endsWith(".class")) {
                continue;
            }
            modifiedClasses++;
            ClassEvidence before = evidence(c.oldSha256(), c.path());
            ClassEvidence after = evidence(c.newSha256(), c.path());
            if (before == null || after == null) {
                continue;
            }
            deployed.add(before);
            branch.add(after);
            if (before.major() != after.major()) {
                versionChanged.add(c.path() + " (" + before.major() + " -> " + after.major() + ")");
            }
            // only what both versions could carry is evidence: an interface that gains its first default
            // method gains line numbers whatever the -g options
            Set<String> comparable = before.comparableDebug(after);
            if (!before.debugAmong(comparable).equals(after.debugAmong(comparable))) {
                debugChanged.add(c.path() + " (" + before.debugAmong(comparable) + " -> " + after.debugAmong(comparable)
                        + ")");
            }
        }
        if (!versionChanged.isEmpty()) {
            differences.add("class file versions differ in " + sample(versionChanged));
        }
        if (!debugChanged.isEmpty()) {
            differences.add("debug attributes differ (javac -g options) in " + sample(debugChanged));
        }
        if (!deployed.families.equals(branch.families) && !deployed.families.isEmpty() && !branch.families.isEmpty()) {
            differences.add("compiler marks differ: " + deployed.families + " vs " + branch.families);
        }
        if (deployed.indyConcat && !deployed.builderConcat && branch.builderConcat && !branch.indyConcat
                || branch.indyConcat && !branch.builderConcat && deployed.builderConcat && !deployed.indyConcat) {
            differences.add("string concatenation is compiled differently (invokedynamic on one side, StringBuilder"
                    + " on the other)");
        }
        if (deployed.nestmates && !deployed.accessBridges && branch.accessBridges && !branch.nestmates
                || branch.nestmates && !branch.accessBridges && deployed.accessBridges && !deployed.nestmates) {
            differences.add("private access between nested classes is compiled differently (nestmates on one side,"
                    + " access$ bridge methods on the other)");
        }
        List<String> warnings = new ArrayList<>();
        int compared = changes.comparedClasses();
        if (modifiedClasses >= LARGE_SHARE_MINIMUM && compared > 0
                && modifiedClasses * 100L >= (long) compared * LARGE_SHARE_PERCENT) {
            warnings.add(modifiedClasses + " of " + compared + " compared classes changed; a change this wide usually"
                    + " means different compiler options or a different compiler, not a bug fix");
        }
        CompilerFingerprint deployedPrint = deployed.fingerprint(deployedJdk);
        CompilerFingerprint branchPrint = branch.fingerprint(branchJdk);
        if (deployedJdk.version >= 0 && branchJdk.version >= 0 && deployedJdk.version != branchJdk.version) {
            differences.add(0, "deployed built by " + deployedPrint.describeJdk() + ", branch by "
                    + branchPrint.describeJdk());
        }
        return new Outcome(deployedPrint, branchPrint, List.copyOf(differences), List.copyOf(warnings));
    }

    private ClassEvidence evidence(String sha256, EntryPath path) {
        try {
            return ClassEvidence.of(store.read(sha256));
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, path.toString(),
                    "Cannot read the changed class from the scratch store: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return null; // not a class file ASM can read; the verdict reports it
        }
    }

    private static String sample(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(3, items.size())))
                + (items.size() > 3 ? " and " + (items.size() - 3) + " more" : "");
    }

    /** The JDK a side's manifests name: the top-level manifest first, then manifests that differ. */
    private Jdk jdkOf(Archive archive, ChangeSet changes, boolean baselineSide) {
        String root = baselineSide ? changes.baselineRoot() : changes.targetRoot();
        for (ArchiveEntry e : archive.entries()) {
            if (e.name().equals(root + IgnoreRules.MANIFEST)) {
                try (InputStream in = e.openStream()) {
                    Jdk jdk = jdk(in.readAllBytes(), archive.locationOf(e.name()));
                    if (jdk.version >= 0) {
                        return jdk;
                    }
                } catch (IOException ex) {
                    break; // unreadable manifest: the class files still tell
                }
                break;
            }
        }
        for (IgnoredEntry i : changes.ignored()) {
            if (i.oldSha256() != null && IgnoreRules.isManifest(i.path())) {
                Jdk jdk = jdkFromStore(baselineSide ? i.oldSha256() : i.newSha256(), i.path());
                if (jdk.version >= 0) {
                    return jdk;
                }
            }
        }
        for (Change c : changes.changes()) {
            if (c.kind() == ChangeKind.MODIFIED && IgnoreRules.isManifest(c.path())) {
                Jdk jdk = jdkFromStore(baselineSide ? c.oldSha256() : c.newSha256(), c.path());
                if (jdk.version >= 0) {
                    return jdk;
                }
            }
        }
        return Jdk.UNKNOWN;
    }

    private Jdk jdkFromStore(String sha256, EntryPath path) {
        try {
            return jdk(store.read(sha256), path.toString());
        } catch (IOException e) {
            return Jdk.UNKNOWN;
        }
    }

    private record Jdk(int version, String evidence) {
        static final Jdk UNKNOWN = new Jdk(-1, "");
    }

    static Jdk jdk(byte[] manifest, String location) throws IOException {
        Attributes main = new Manifest(new ByteArrayInputStream(manifest)).getMainAttributes();
        for (String name : JDK_ATTRIBUTES) {
            String value = main.getValue(name);
            if (value == null) {
                continue;
            }
            Matcher m = JDK_VERSION.matcher(value.trim());
            if (m.find()) {
                return new Jdk(Integer.parseInt(m.group(2)), name + ": " + value.trim() + " in " + location);
            }
        }
        return Jdk.UNKNOWN;
    }

    /** Class evidence gathered over one side's changed classes. */
    private static final class Side {
        final Map<Integer, Integer> majors = new TreeMap<>();
        final Set<String> debug = new TreeSet<>();
        final Set<String> families = new TreeSet<>();
        boolean indyConcat;
        boolean builderConcat;
        boolean nestmates;
        boolean accessBridges;

        void add(ClassEvidence e) {
            majors.put(e.major(), majors.getOrDefault(e.major(), 0) + 1);
            debug.addAll(e.debug());
            families.add(e.family());
            indyConcat |= e.indyConcat();
            builderConcat |= e.builderConcat();
            nestmates |= e.nestmates();
            accessBridges |= e.accessBridges();
        }

        CompilerFingerprint fingerprint(Jdk jdk) {
            return new CompilerFingerprint(jdk.version, jdk.evidence, Collections.unmodifiableSortedMap(new TreeMap<>(majors)),
                    Collections.unmodifiableSortedSet(new TreeSet<>(debug)),
                    Collections.unmodifiableSortedSet(new TreeSet<>(families)));
        }
    }
}
