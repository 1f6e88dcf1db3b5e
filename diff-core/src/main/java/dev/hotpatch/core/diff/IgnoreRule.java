package dev.hotpatch.core.diff;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.EntryPath;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
    record PathGlob(String name, List<String> globs, List<Pattern> patterns) implements IgnoreRule {
        public PathGlob {
            globs = List.copyOf(globs);
            patterns = List.copyOf(patterns);
        }

        public static PathGlob of(String name, String... globs) {
            return new PathGlob(name, List.of(globs), List.of(globs).stream().map(PathGlob::compile).toList());
        }

        public boolean matches(EntryPath path) {
            String text = path.toString();
            return patterns.stream().anyMatch(p -> p.matcher(text).matches());
        }

        static Pattern compile(String glob) {
            if (glob.isBlank()) {
                throw new HotpatchException(ReasonCode.INVALID_REQUEST, null, "An ignore rule is empty.");
            }
            // literal runs are quoted whole: one \Q..\E per run keeps the pattern small to compile
            StringBuilder re = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c != '*' && c != '?') {
                    literal.append(c);
                    continue;
                }
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    re.append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                } else if (c == '*') {
                    re.append("[^/]*");
                } else {
                    re.append("[^/]");
                }
            }
            if (literal.length() > 0) {
                re.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(re.toString());
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
