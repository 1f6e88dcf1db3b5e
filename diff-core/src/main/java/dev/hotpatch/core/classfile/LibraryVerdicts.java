package dev.hotpatch.core.classfile;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.diff.LibraryPair;
import dev.hotpatch.format.ChangeKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a library's new version changes besides its classes: the loader index that names the jar,
 * and the version metadata inside it. Only changes that are exactly the consequence of the version
 * change are judged here; anything more falls to the general rules. See
 * {@code docs/adr/0009-pair-renamed-libraries.md}.
 */
final class LibraryVerdicts {
    private final ContentStore store;

    LibraryVerdicts(ContentStore store) {
        this.store = store;
    }

    Optional<Finding> judge(Change change, ChangeSet all) {
        if (all.libraries().isEmpty() || change.kind() != ChangeKind.MODIFIED) {
            return Optional.empty();
        }
        if (SwapAnalyzer.LOADER_INDEXES.contains(change.path().name())) {
            return index(change, all.libraries());
        }
        Optional<LibraryPair> library = all.libraryOf(change.path());
        // the library's own metadata: entries of the jar itself, not of jars nested in it
        if (library.isEmpty() || !change.path().parent().equals(library.get().deployed())) {
            return Optional.empty();
        }
        LibraryPair pair = library.get();
        String name = change.path().name();
        if (name.startsWith("META-INF/maven/")) {
            return Optional.of(new Finding(SwapReason.LIBRARY_METADATA_CHANGED, "the Maven metadata " + name + " of "
                    + pair.describe() + " changed with the version; class loading never reads it"));
        }
        if (IgnoreRules.isManifest(change.path()) && onlyVersionDiffers(read(change, true), read(change, false), pair)) {
            return Optional.of(new Finding(SwapReason.LIBRARY_METADATA_CHANGED, "the manifest of " + pair.describe()
                    + " changed only in its version and build attributes; a running JVM keeps reporting the"
                    + " deployed version (Package.getImplementationVersion)"));
        }
        return Optional.empty();
    }

    /** A loader index whose only change is the new file names of paired libraries. */
    private Optional<Finding> index(Change change, List<LibraryPair> pairs) {
        List<LibraryPair> here = pairs.stream().filter(p -> p.deployed().parent().equals(change.path().parent()))
                .toList();
        if (here.isEmpty()) {
            return Optional.empty();
        }
        String before = new String(read(change, true), StandardCharsets.UTF_8);
        String after = new String(read(change, false), StandardCharsets.UTF_8);
        for (LibraryPair p : here) {
            before = replaceName(before, p.deployed().name(), p.branch().name());
        }
        if (!before.equals(after)) {
            return Optional.empty();
        }
        String renames = String.join(", ", here.stream().map(p -> p.deployed().name() + " -> " + p.branch().name())
                .toList());
        return Optional.of(new Finding(SwapReason.LOADER_INDEX_LIBRARY_RENAMED, change.path() + " changed only by"
                + " the new file name of " + (here.size() == 1 ? "a library" : "libraries") + " (" + renames
                + "); the class loader read it at start-up, so a running JVM keeps loading the deployed jar"
                + (here.size() == 1 ? "" : "s") + ", and this patch changes the classes inside "
                + (here.size() == 1 ? "it" : "them") + "; a restart with the branch build loads the new file"));
    }

    /** Replaces {@code name} where it stands as a whole path (between quotes, spaces or line ends). */
    private static String replaceName(String text, String name, String replacement) {
        Pattern whole = Pattern.compile("(?<=^|[\\s\"'/])" + Pattern.quote(name) + "(?=$|[\\s\"'])", Pattern.MULTILINE);
        return whole.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** Equal once build attributes are removed and the deployed version is read as the branch version. */
    private static boolean onlyVersionDiffers(byte[] before, byte[] after, LibraryPair pair) {
        if (pair.deployedVersion().isEmpty() || pair.branchVersion().isEmpty()) {
            return false;
        }
        try {
            Manifest old = new Manifest(new ByteArrayInputStream(before));
            Manifest now = new Manifest(new ByteArrayInputStream(after));
            for (String build : IgnoreRules.BUILD_ATTRIBUTES) {
                old.getMainAttributes().remove(new Attributes.Name(build));
                now.getMainAttributes().remove(new Attributes.Name(build));
            }
            for (Map.Entry<Object, Object> a : old.getMainAttributes().entrySet()) {
                a.setValue(((String) a.getValue()).replace(pair.deployedVersion(), pair.branchVersion()));
            }
            return old.equals(now);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] read(Change change, boolean old) {
        try {
            return store.read(old ? change.oldSha256() : change.newSha256());
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, change.path().toString(),
                    "Cannot read the changed entry from the scratch store: " + e.getMessage(), e);
        }
    }
}
