package dev.hotpatch.core.cli;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchEvent;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.dryrun.DryRunOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar diff-core-<version>-cli.jar diff OLD NEW --out DIR}: the same run as
 * {@code mvn hotpatch:diff}, without Maven. Exit code 0 on success, 1 when the run fails, 2 for a
 * usage error.
 */
public final class Main {
    static final String USAGE = """
            usage: hotpatch diff BASELINE TARGET [options]
              BASELINE, TARGET  a jar/war/ear/zip, a tar(.gz|.bz2|.xz) or a directory
            options:
              --out DIR                 output directory (default: ./hotpatch)
              --ignore GLOB             also ignore paths matching GLOB (repeatable)
              --no-default-ignores      do not ignore build metadata by default
              --max-nesting-depth N     how deep to descend into nested archives (default 8)
              --max-entries N           entries allowed in one archive (default 1000000)
              --max-total-bytes N       uncompressed bytes allowed in one run (default 64 GiB)
              --max-compression-ratio N expansion allowed for one entry (default 1000)
              --skip-compiler-check     warn instead of failing when different compilers built the two sides
              --no-fail-on-restart      exit 0 even when the patch needs a restart (the verdict is reported)
              --no-dry-run              do not try the patch in a throwaway JVM before reporting success
              --dry-run-jdk DIR         the JDK whose JVM answers the dry run (default: the running one)
              --agent-jar FILE          the hotpatch agent jar that runs the dry run
                                        (default: hotpatch-agent-*.jar next to this jar)
              --verbose                 also print debug messages (every ignored entry)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DiffRequest request;
        boolean verbose;
        try {
            Options options = Options.parse(args);
            request = options.request(err);
            verbose = options.verbose;
        } catch (IllegalArgumentException | HotpatchException e) {
            err.println("hotpatch: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            DiffResult result = new Hotpatch(event -> {
                if (event.level() != HotpatchEvent.Level.DEBUG || verbose) {
                    boolean toErr = event.level() == HotpatchEvent.Level.WARN
                            || event.level() == HotpatchEvent.Level.PROGRESS;
                    (toErr ? err : out).println(
                            (event.level() == HotpatchEvent.Level.WARN ? "warning: " : "") + event.message());
                }
            }).diff(request);
            out.println("report: " + result.reportFile());
            return 0;
        } catch (HotpatchException e) {
            err.println("hotpatch: " + e.getMessage());
            return 1;
        }
    }

    /** The parsed command line. */
    private static final class Options {
        private final List<String> positional = new ArrayList<>();
        private final List<String> ignores = new ArrayList<>();
        private Path out = Path.of("hotpatch");
        private boolean defaultIgnores = true;
        private boolean verbose;
        private boolean skipCompilerCheck;
        private boolean failOnRestartRequired = true;
        private ReadLimits limits = ReadLimits.DEFAULTS;
        private boolean dryRun = true;
        private Path dryRunJdk;
        private Path agentJar;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--ignore" -> o.ignores.add(value(args, ++i, a));
                    case "--no-default-ignores" -> o.defaultIgnores = false;
                    case "--verbose" -> o.verbose = true;
                    case "--skip-compiler-check" -> o.skipCompilerCheck = true;
                    case "--no-fail-on-restart" -> o.failOnRestartRequired = false;
                    case "--no-dry-run" -> o.dryRun = false;
                    case "--dry-run-jdk" -> o.dryRunJdk = Path.of(value(args, ++i, a));
                    case "--agent-jar" -> o.agentJar = Path.of(value(args, ++i, a));
                    case "--max-nesting-depth" -> o.limits = new ReadLimits(number(args, ++i, a), o.limits.maxEntries(),
                            o.limits.maxTotalBytes(), o.limits.maxCompressionRatio());
                    case "--max-entries" -> o.limits = new ReadLimits(o.limits.maxNestingDepth(), number(args, ++i, a),
                            o.limits.maxTotalBytes(), o.limits.maxCompressionRatio());
                    case "--max-total-bytes" -> o.limits = new ReadLimits(o.limits.maxNestingDepth(),
                            o.limits.maxEntries(), longNumber(args, ++i, a), o.limits.maxCompressionRatio());
                    case "--max-compression-ratio" -> o.limits = new ReadLimits(o.limits.maxNestingDepth(),
                            o.limits.maxEntries(), o.limits.maxTotalBytes(), number(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        o.positional.add(a);
                    }
                }
            }
            if (o.positional.size() != 3 || !o.positional.get(0).equals("diff")) {
                throw new IllegalArgumentException("expected: diff BASELINE TARGET");
            }
            return o;
        }

        DiffRequest request(PrintStream err) {
            DryRunOptions dry = DryRunOptions.OFF;
            if (dryRun) {
                Path agent = agentJar != null ? agentJar : agentNextToThisJar();
                if (agent == null) {
                    err.println("warning: dry run skipped: no hotpatch-agent-*.jar next to the CLI jar; give"
                            + " --agent-jar FILE, or --no-dry-run to silence this");
                } else {
                    dry = DryRunOptions.with(agent).javaHome(dryRunJdk);
                }
            }
            return DiffRequest.builder(Path.of(positional.get(1)), Path.of(positional.get(2)), out)
                    .dryRun(dry)
                    .ignoreRules(IgnoreRules.of(defaultIgnores, ignores))
                    .limits(limits)
                    .skipCompilerCheck(skipCompilerCheck)
                    .failOnRestartRequired(failOnRestartRequired)
                    .build();
        }

        /** {@code hotpatch-agent-*.jar} in the folder of the jar this class runs from, or null. */
        private static Path agentNextToThisJar() {
            try {
                Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!Files.isRegularFile(self)) {
                    return null;
                }
                try (var files = Files.list(self.toAbsolutePath().getParent())) {
                    return files.filter(f -> f.getFileName().toString().matches("hotpatch-agent.*\\.jar"))
                            .sorted().findFirst().orElse(null);
                }
            } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String[] args, int i, String option) {
            long n = longNumber(args, i, option);
            if (n != (int) n) {
                throw new IllegalArgumentException(option + " needs a whole number up to " + Integer.MAX_VALUE);
            }
            return (int) n;
        }

        private static long longNumber(String[] args, int i, String option) {
            try {
                return Long.parseLong(value(args, i, option));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number");
            }
        }
    }
}
