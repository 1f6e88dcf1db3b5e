package dev.hotpatch.core.diff;

import dev.hotpatch.core.archive.EntryPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A library whose file name changed between the builds because its version did
 * ({@code BOOT-INF/lib/h2-2.4.240.jar} → {@code BOOT-INF/lib/h2-2.3.232.jar}): the two jars were compared
 * entry by entry, and changes inside them are written under the deployed jar's path, the jar the
 * running JVM loaded.
 *
 * @param deployed        the jar in the baseline
 * @param branch          the jar in the target that replaces it
 * @param artifact        {@code groupId:artifactId} from the jars' Maven metadata, else the file name stem
 * @param deployedVersion the deployed jar's version, or "" when neither metadata nor file name tells
 * @param branchVersion   the branch jar's version, or ""
 */
public record LibraryPair(EntryPath deployed, EntryPath branch, String artifact, String deployedVersion,
        String branchVersion) implements Comparable<LibraryPair> {

    /** Which way the version moved. */
    public enum Direction { UPGRADE, DOWNGRADE, RENAMED }

    public LibraryPair {
        Objects.requireNonNull(deployed, "deployed");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(artifact, "artifact");
        deployedVersion = deployedVersion == null ? "" : deployedVersion;
        branchVersion = branchVersion == null ? "" : branchVersion;
    }

    public Direction direction() {
        int c = compareVersions(deployedVersion, branchVersion);
        return c < 0 ? Direction.UPGRADE : c > 0 ? Direction.DOWNGRADE : Direction.RENAMED;
    }

    /** "library downgrade com.h2database:h2 2.4.240 -> 2.3.232 (lib/h2-2.4.240.jar -> lib/h2-2.3.232.jar)". */
    public String describe() {
        String kind = switch (direction()) {
            case UPGRADE -> "library upgrade ";
            case DOWNGRADE -> "library downgrade ";
            case RENAMED -> "library renamed ";
        };
        String versions = deployedVersion.isEmpty() && branchVersion.isEmpty() ? ""
                : " " + or(deployedVersion) + " -> " + or(branchVersion);
        return kind + artifact + versions + " (" + deployed + " -> " + branch + ")";
    }

    /** True when {@code path} lies inside the deployed jar. */
    public boolean contains(EntryPath path) {
        return path.depth() > deployed.depth() && path.startsWith(deployed);
    }

    private static String or(String version) {
        return version.isEmpty() ? "?" : version;
    }

    /**
     * Orders versions as people read them: numeric parts as numbers, {@code 1.10 > 1.9}, a
     * qualifier below the release ({@code 2.0-RC1 < 2.0}). Equal or incomparable texts give 0 only
     * when they are the same text.
     */
    static int compareVersions(String a, String b) {
        List<String> x = parts(a);
        List<String> y = parts(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String p = i < x.size() ? x.get(i) : null;
            String q = i < y.size() ? y.get(i) : null;
            int c = comparePart(p, q);
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static int comparePart(String p, String q) {
        if (Objects.equals(p, q)) {
            return 0;
        }
        boolean pn = p != null && isNumber(p);
        boolean qn = q != null && isNumber(q);
        if (p == null) {
            return qn ? -1 : 1; // 2.0 < 2.0.1, but 2.0 > 2.0-RC1
        }
        if (q == null) {
            return pn ? 1 : -1;
        }
        if (pn && qn) {
            return new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
        }
        if (pn != qn) {
            return pn ? 1 : -1; // 2.0.1 > 2.0-RC1
        }
        return p.compareToIgnoreCase(q);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static List<String> parts(String version) {
        List<String> parts = new ArrayList<>();
        for (String p : version.split("[.\\-_+]")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    @Override
    public int compareTo(LibraryPair other) {
        return deployed.compareTo(other.deployed);
    }
}
