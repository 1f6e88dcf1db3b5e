package dev.hotpatch.cli;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchEvent;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.HotpatchListener;
import dev.hotpatch.core.OptionNames;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.dryrun.DryRunOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code hotpatch diff OLD NEW --out DIR} (the {@code hotpatch} launcher, or
 * {@code java -jar hotpatch-cli-<version>-cli.jar}): the same run as {@code mvn hotpatch:diff},
 * without Maven. Exit code 0 on success, 1 when the run fails, 2 for a usage error.
 */
public final class Main {
    /** How a command line sets the options the core's messages advise. */
    static final OptionNames OPTION_NAMES = new OptionNames(Flag.SKIP_COMPILER_CHECK.usage(),
            Flag.NO_FAIL_ON_RESTART.usage(), Flag.MAX_NESTING_DEPTH.usage(), Flag.MAX_ENTRIES.usage(),
            Flag.MAX_TOTAL_BYTES.usage(), Flag.MAX_COMPRESSION_RATIO.usage());

    /** Every option the command line takes; the help lists them from here, so none is left out. */
    enum Flag {
        OUT("--out", "DIR", "output directory (default: ./hotpatch)"),
        IGNORE("--ignore", "GLOB", "also ignore paths matching GLOB (repeatable), e.g. '**/version.txt'"),
        NO_DEFAULT_IGNORES("--no-default-ignores", null, "do not ignore build metadata (git.properties, ...)"),
        SKIP_COMPILER_CHECK("--skip-compiler-check", null,
                "warn instead of failing when different compilers built the two sides"),
        NO_FAIL_ON_RESTART("--no-fail-on-restart", null,
                "exit 0 even when the patch needs a restart (the verdict is reported)"),
        MAX_NESTING_DEPTH("--max-nesting-depth", "N",
                "how deep to descend into nested archives (default " + ReadLimits.DEFAULT_NESTING_DEPTH + ")"),
        MAX_ENTRIES("--max-entries", "N", "entries allowed in one archive (default " + ReadLimits.DEFAULT_MAX_ENTRIES + ")"),
        MAX_TOTAL_BYTES("--max-total-bytes", "N", "uncompressed bytes allowed in one run (default 64 GiB)"),
        MAX_COMPRESSION_RATIO("--max-compression-ratio", "N",
                "expansion allowed for one entry (default " + ReadLimits.DEFAULT_MAX_COMPRESSION_RATIO + ")"),
        NO_DRY_RUN("--no-dry-run", null, "do not try the patch in a throwaway JVM with the agent's code"),
        DRY_RUN_JDK("--dry-run-jdk", "DIR", "the JDK whose JVM answers the dry run (default: the running one)"),
        AGENT_JAR("--agent-jar", "FILE", "the agent jar that runs the dry run (default: hotpatch-agent-*.jar next"
                + " to the CLI jar; without one there is no dry run)"),
        VERBOSE("--verbose", null, "also print debug messages (every ignored entry)"),
        HELP("--help", null, "print this help and exit (also -h)"),
        VERSION("--version", null, "print the version and exit");

        final String name;
        final String value;
        final String help;

        Flag(String name, String value, String help) {
            this.name = name;
            this.value = value;
            this.help = help;
        }

        /** The flag as a user types it: {@code --max-entries N}. */
        String usage() {
            return value == null ? name : name + " " + value;
        }

        static Flag named(String arg) {
            if (arg.equals("-h")) {
                return HELP;
            }
            for (Flag f : values()) {
                if (f.name.equals(arg)) {
                    return f;
                }
            }
            return null;
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && FleetCommands.COMMANDS.contains(args[0])) {
            return FleetCommands.run(args, out, err, System.getenv());
        }
        Options options;
        DiffRequest request;
        try {
            options = Options.parse(args);
            if (options.help) {
                out.print(usage());
                return 0;
            }
            if (options.version) {
                out.println("hotpatch " + version());
                return 0;
            }
            request = options.request();
        } catch (IllegalArgumentException | HotpatchException e) {
            err.println("hotpatch: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        try {
            DiffResult result = new Hotpatch(new Printer(out, err, options.verbose)).diff(request);
            out.println("report: " + result.reportFile());
            return 0;
        } catch (HotpatchException e) {
            err.println("hotpatch: " + e.getMessage());
            return 1;
        }
    }

    /** The help text; built only when it is printed, so a diff never formats it. */
    static String usage() {
        StringBuilder text = new StringBuilder("""
                usage: hotpatch diff BASELINE TARGET [options]
                       hotpatch --help | --version
                Compares the deployed build (BASELINE) with the branch build (TARGET) and writes the patch
                (hotpatch.jar), its .sha256, report.json and summary.md to the output directory.
                  BASELINE, TARGET  a jar/war/ear/zip, a tar(.gz|.bz2|.xz) or a directory
                options:
                """);
        for (Flag f : Flag.values()) {
            text.append(String.format("  %-27s %s%n", f.usage(), f.help));
        }
        return text.append("exit code: 0 done, 1 the run failed (the reason on stderr), 2 bad command line\n")
                .append(FleetCommands.USAGE).toString();
    }

    /** The version this jar was built as. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    /** Events to the terminal: warnings and progress on stderr, debug messages only when asked for. */
    private record Printer(PrintStream out, PrintStream err, boolean verbose) implements HotpatchListener {
        @Override
        public void onEvent(HotpatchEvent event) {
            if (event.level() == HotpatchEvent.Level.WARN) {
                err.println("warning: " + event.message());
            } else if (event.level() == HotpatchEvent.Level.PROGRESS) {
                err.println(event.message()); // progress stays out of the output a script reads
            } else if (event.level() != HotpatchEvent.Level.DEBUG || verbose) {
                out.println(event.message());
            }
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
        private boolean help;
        private boolean version;
        private boolean dryRun = true;
        private Path dryRunJdk;
        private Path agentJar;
        private int maxNestingDepth = ReadLimits.DEFAULT_NESTING_DEPTH;
        private int maxEntries = ReadLimits.DEFAULT_MAX_ENTRIES;
        private long maxTotalBytes = ReadLimits.DEFAULT_MAX_TOTAL_BYTES;
        private int maxCompressionRatio = ReadLimits.DEFAULT_MAX_COMPRESSION_RATIO;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                Flag flag = Flag.named(a);
                if (flag == null) {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    o.positional.add(a);
                    continue;
                }
                switch (flag) {
                    case OUT -> o.out = Path.of(value(args, ++i, flag));
                    case IGNORE -> o.ignores.add(value(args, ++i, flag));
                    case NO_DEFAULT_IGNORES -> o.defaultIgnores = false;
                    case VERBOSE -> o.verbose = true;
                    case SKIP_COMPILER_CHECK -> o.skipCompilerCheck = true;
                    case NO_FAIL_ON_RESTART -> o.failOnRestartRequired = false;
                    case MAX_NESTING_DEPTH -> o.maxNestingDepth = (int) number(args, ++i, flag, 0, Integer.MAX_VALUE);
                    case MAX_ENTRIES -> o.maxEntries = (int) number(args, ++i, flag, 1, Integer.MAX_VALUE);
                    case MAX_TOTAL_BYTES -> o.maxTotalBytes = number(args, ++i, flag, 1, Long.MAX_VALUE);
                    case MAX_COMPRESSION_RATIO -> o.maxCompressionRatio = (int) number(args, ++i, flag, 1,
                            Integer.MAX_VALUE);
                    case NO_DRY_RUN -> o.dryRun = false;
                    case DRY_RUN_JDK -> o.dryRunJdk = Path.of(value(args, ++i, flag));
                    case AGENT_JAR -> o.agentJar = Path.of(value(args, ++i, flag));
                    case HELP -> o.help = true;
                    case VERSION -> o.version = true;
                }
            }
            if (o.help || o.version) {
                return o;
            }
            if (o.positional.isEmpty() || !o.positional.get(0).equals("diff")) {
                throw new IllegalArgumentException(o.positional.isEmpty() ? "no command given"
                        : "unknown command " + o.positional.get(0) + " (the command is diff)");
            }
            if (o.positional.size() != 3) {
                throw new IllegalArgumentException("diff takes two builds, BASELINE and TARGET; got "
                        + (o.positional.size() - 1));
            }
            return o;
        }

        DiffRequest request() {
            return DiffRequest.builder(Path.of(positional.get(1)), Path.of(positional.get(2)), out)
                    .ignoreRules(IgnoreRules.of(defaultIgnores, ignores))
                    .limits(new ReadLimits(maxNestingDepth, maxEntries, maxTotalBytes, maxCompressionRatio))
                    .skipCompilerCheck(skipCompilerCheck)
                    .failOnRestartRequired(failOnRestartRequired)
                    .optionNames(OPTION_NAMES)
                    .dryRun(dryRunOptions())
                    .build();
        }

        /** The dry run runs with the agent jar given, or the one next to the CLI jar; without one there is none. */
        private DryRunOptions dryRunOptions() {
            Path agent = !dryRun ? null : agentJar != null ? agentJar : agentNextToThisJar();
            return agent != null ? DryRunOptions.with(agent).javaHome(dryRunJdk) : DryRunOptions.OFF;
        }

        /**
         * {@code hotpatch-agent-*.jar} in the folder of the jar this class runs from (the first by name),
         * or null. A plain loop over the names: a stream pipeline here would cost a cold run ~20 ms of
         * method-handle linking before the diff could start.
         */
        private static Path agentNextToThisJar() {
            try {
                Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!java.nio.file.Files.isRegularFile(self)) {
                    return null;
                }
                Path folder = self.toAbsolutePath().getParent();
                String[] names = folder.toFile().list();
                if (names == null) {
                    return null;
                }
                String first = null;
                for (String name : names) {
                    if (name.startsWith("hotpatch-agent-") && name.endsWith(".jar")
                            && (first == null || name.compareTo(first) < 0)) {
                        first = name;
                    }
                }
                return first == null ? null : folder.resolve(first);
            } catch (java.net.URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        private static String value(String[] args, int i, Flag flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag.name + " needs a value: " + flag.usage());
            }
            return args[i];
        }

        private static long number(String[] args, int i, Flag flag, long min, long max) {
            String text = value(args, i, flag);
            long n;
            try {
                n = Long.parseLong(text);
            } catch (NumberFormatException e) {
                n = min - 1;
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag.name + " needs a whole number from " + min + " to " + max
                        + ", not " + text);
            }
            return n;
        }
    }
}
