package dev.hotpatch.core.diff;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.EntryPath;
import java.util.List;
import java.util.Set;

/** A rule that leaves a difference out of the patch. Every entry it ignores is listed in the report. */
public sealed interface IgnoreRule {

    /** The name the report gives for this rule. */
    String name();

    /**
     * Ignores entries whose full path matches one of the globs. In a glob {@code *} and {@code ?}
     * stay within one path segment, {@code **} crosses {@code /} and {@code !/}, and a leading
     * {@code **}{@code /} also matches at the top (so {@code **}{@code /git.properties} matches
     * {@code git.properties} and {@code BOOT-INF/classes/git.properties}).
     */
    record PathGlob(String name, List<String> globs) implements IgnoreRule {
        public PathGlob {
            globs = List.copyOf(globs);
            for (String glob : globs) {
                if (glob.isBlank()) {
                    throw new HotpatchException(ReasonCode.INVALID_REQUEST, null, "An ignore rule is empty.");
                }
            }
        }

        public static PathGlob of(String name, String... globs) {
            return new PathGlob(name, List.of(globs));
        }

        public boolean matches(EntryPath path) {
            String text = path.toString();
            for (String glob : globs) {
                if (matches(glob, 0, text, 0)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Matches without regular expressions (whose set-up a short run would pay before its
         * first diff): {@code *} any text without {@code /}, {@code ?} one character but
         * {@code /}, {@code **} any text, {@code **}{@code /} nothing or any text ending in
         * {@code /}; everything else literally.
         */
        static boolean matches(String glob, int g, String text, int t) {
            while (g < glob.length()) {
                char c = glob.charAt(g);
                if (c == '*') {
                    if (g + 1 < glob.length() && glob.charAt(g + 1) == '*') {
                        if (g + 2 < glob.length() && glob.charAt(g + 2) == '/') {
                            if (matches(glob, g + 3, text, t)) {
                                return true;
                            }
                            for (int k = t; k < text.length(); k++) {
                                if (text.charAt(k) == '/' && matches(glob, g + 3, text, k + 1)) {
                                    return true;
                                }
                            }
                            return false;
                        }
                        for (int k = t; k <= text.length(); k++) {
                            if (matches(glob, g + 2, text, k)) {
                                return true;
                            }
                        }
                        return false;
                    }
                    for (int k = t; ; k++) {
                        if (matches(glob, g + 1, text, k)) {
                            return true;
                        }
                        if (k >= text.length() || text.charAt(k) == '/') {
                            return false;
                        }
                    }
                }
                if (t >= text.length() || (c == '?' ? text.charAt(t) == '/' : c != text.charAt(t))) {
                    return false;
                }
                g++;
                t++;
            }
            return t == text.length();
        }
    }

    /**
     * Ignores a changed {@code META-INF/MANIFEST.MF} (at any depth) when it differs only in the
     * named main attributes, which build tools stamp on every build.
     */
    record ManifestAttributes(String name, Set<String> attributes) implements IgnoreRule {
        public ManifestAttributes {
            attributes = Set.copyOf(attributes);
        }
    }
}
