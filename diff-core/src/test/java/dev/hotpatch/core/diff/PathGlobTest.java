package dev.hotpatch.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.archive.EntryPath;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Ignore globs match as the documented regular-expression reading of them would. */
class PathGlobTest {
    private static final List<String> GLOBS = List.of("**/git.properties", "**/META-INF/sbom/**", "**/*.cdx.json",
            "BOOT-INF/lib/*.jar", "a?c", "**", "*", "**/", "x/**/y", "**/**/z", "*.jar!/**", "?", "a*b*c", "**a");
    private static final List<String> PATHS = List.of("", "git.properties", "BOOT-INF/classes/git.properties",
            "BOOT-INF/lib/foo.jar!/META-INF/git.properties", "xgit.properties", "META-INF/sbom/application.cdx.json",
            "BOOT-INF/lib/foo-1.0.jar", "BOOT-INF/lib/sub/foo.jar", "abc", "a/c", "ac", "abbc", "x/y", "x/q/y", "xy",
            "z", "q/z", "q/r/z", "lib.jar!/p/Q.class", "a", "/", "a/", "aXbYc", "a/b/c", "ba", "b/a");

    @Test
    void everyGlobMatchesEveryPathAsItsRegularExpressionDoes() {
        for (String glob : GLOBS) {
            Pattern oracle = regex(glob);
            for (String path : PATHS) {
                assertThat(IgnoreRule.PathGlob.matches(glob, 0, path, 0)).as("%s ~ %s", glob, path)
                        .isEqualTo(oracle.matcher(path).matches());
            }
        }
    }

    @Test
    void aRuleMatchesWhenOneOfItsGlobsDoes() {
        IgnoreRule.PathGlob rule = IgnoreRule.PathGlob.of("sbom", "**/bom.json", "**/META-INF/sbom/**");

        assertThat(rule.matches(EntryPath.of("BOOT-INF/lib/a.jar", "META-INF/sbom/x.json"))).isTrue();
        assertThat(rule.matches(EntryPath.of("bom.json"))).isTrue();
        assertThat(rule.matches(EntryPath.of("BOOT-INF/classes/bom.json.bak"))).isFalse();
    }

    /** The reading the docs give: * and ? within a segment, ** across, a leading **&#47; also at the top. */
    private static Pattern regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
