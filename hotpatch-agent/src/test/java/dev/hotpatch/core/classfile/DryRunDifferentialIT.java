package dev.hotpatch.core.classfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.dryrun.DryRunOptions;
import dev.hotpatch.core.dryrun.DryRunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict differential suite through the dry run: every {@link SwapCase} is one war of an ear
 * (each war its own class loader, as in an application server), the engine diffs the deployed ear with
 * the branch ear and dry-runs the result with the real agent jar in one forked JVM, and for every case
 * the dry run's answer on {@code p.C} must be HotSpot's own in this JVM ({@link HotSpotOracle}):
 * accepted exactly when HotSpot redefines it. Cases the rules accept are REDEFINE steps of the plan;
 * cases the rules refuse are tried as probes.
 */
class DryRunDifferentialIT {
    private static final Path AGENT = Path.of(System.getProperty("hotpatch.agent.jar", "target/hotpatch-agent.jar"));

    @TempDir
    Path dir;

    @Test
    void theDryRunAnswersAsHotSpotDoesOnEveryCase() throws Exception {
        Map<String, byte[]> deployed = new TreeMap<>();
        Map<String, byte[]> branch = new TreeMap<>();
        Map<SwapCase, Verdict> oracle = new EnumMap<>(SwapCase.class);
        for (SwapCase c : SwapCase.values()) {
            Map<String, byte[]> before = HotSpotOracle.before(c);
            Map<String, byte[]> after = HotSpotOracle.after(c);
            oracle.put(c, HotSpotOracle.redefine(before, after));
            deployed.put(war(c), zip(webapp(before)));
            branch.put(war(c), zip(webapp(after)));
        }
        Path deployedEar = Files.write(dir.resolve("deployed.ear"), zip(deployed));
        Path branchEar = Files.write(dir.resolve("branch.ear"), zip(branch));

        DiffResult result = new Hotpatch(e -> { }).assess(DiffRequest.builder(deployedEar, branchEar, dir.resolve("out"))
                .dryRun(DryRunOptions.with(AGENT)).failOnRestartRequired(false)
                // an interface with only abstract methods has no line numbers: not a compiler difference here
                .skipCompilerCheck(true).build());

        DryRunResult dry = result.report().dryRun().orElseThrow();
        Map<String, DryRunResult.ClassAnswer> answers = dry.classes().stream()
                .collect(Collectors.toMap(DryRunResult.ClassAnswer::path, Function.identity()));
        for (SwapCase c : SwapCase.values()) {
            DryRunResult.ClassAnswer answer = answers.get(war(c) + "!/WEB-INF/classes/p/C.class");
            assertThat(answer).as("%s has a dry-run answer", c).isNotNull();
            assertThat(answer.answer()).as("%s was tried (%s)", c, answer.message())
                    .isNotEqualTo(DryRunResult.Answer.NOT_LOADED);
            Verdict dryRun = answer.answer() == DryRunResult.Answer.ACCEPTED ? Verdict.HOT_SWAPPABLE
                    : Verdict.RESTART_REQUIRED;
            assertThat(dryRun).as("%s: HotSpot said %s, the dry run (%s, %s) said %s", c, oracle.get(c),
                    answer.step(), answer.message(), dryRun).isEqualTo(oracle.get(c));
            assertThat(answer.step()).as("%s: a case the rules accept is a REDEFINE step, else a probe", c)
                    .isEqualTo(oracle.get(c) == Verdict.HOT_SWAPPABLE ? "REDEFINE" : "PROBE");
        }
        assertThat(result.report().assessment().findings()).noneMatch(f -> f.code() == SwapReason.DRY_RUN_REFUSED);
    }

    private static String war(SwapCase c) {
        return c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".war";
    }

    private static Map<String, byte[]> webapp(Map<String, byte[]> classes) {
        Map<String, byte[]> entries = new TreeMap<>();
        classes.forEach((name, bytes) -> entries.put("WEB-INF/classes/" + name, bytes));
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(315619200000L);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
