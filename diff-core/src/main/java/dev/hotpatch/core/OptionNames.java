package dev.hotpatch.core;

import java.util.Objects;
import java.util.Optional;

/**
 * How the user who made the request sets the options a message may tell them to change: Maven
 * properties for the mojo ({@code -Dhotpatch.failOnRestartRequired=false}), flags for the CLI
 * ({@code --no-fail-on-restart}). The core names options only through this, so every message
 * reads in the words of the caller that built the {@link DiffRequest}. Each value is what the
 * user types, with {@code N} where a number goes.
 *
 * @param skipCompilerCheck     accept builds made by different compilers
 * @param passOnRestartRequired let a run whose patch needs a restart pass
 * @param maxNestingDepth       set the nesting depth limit
 * @param maxEntries            set the limit on entries in one archive
 * @param maxTotalBytes         set the limit on uncompressed bytes read in one run
 * @param maxCompressionRatio   set the limit on how much one entry may expand
 */
public record OptionNames(String skipCompilerCheck, String passOnRestartRequired, String maxNestingDepth,
        String maxEntries, String maxTotalBytes, String maxCompressionRatio) {

    /** For callers of the Java API: the {@link DiffRequest.Builder} methods and {@code ReadLimits} fields. */
    public static final OptionNames JAVA_API = new OptionNames("skipCompilerCheck(true)",
            "failOnRestartRequired(false)", "ReadLimits.maxNestingDepth", "ReadLimits.maxEntries",
            "ReadLimits.maxTotalBytes", "ReadLimits.maxCompressionRatio");

    public OptionNames {
        Objects.requireNonNull(skipCompilerCheck, "skipCompilerCheck");
        Objects.requireNonNull(passOnRestartRequired, "passOnRestartRequired");
        Objects.requireNonNull(maxNestingDepth, "maxNestingDepth");
        Objects.requireNonNull(maxEntries, "maxEntries");
        Objects.requireNonNull(maxTotalBytes, "maxTotalBytes");
        Objects.requireNonNull(maxCompressionRatio, "maxCompressionRatio");
    }

    /** What to do about a refusal that an option can lift: which option raises the limit that was hit. */
    public Optional<String> advice(ReasonCode reason) {
        return Optional.ofNullable(switch (reason) {
            case NESTING_TOO_DEEP -> "Raise the limit with " + maxNestingDepth + " if the artifact is genuine.";
            case TOO_MANY_ENTRIES -> "Raise the limit with " + maxEntries + " if the artifact is genuine.";
            case TOO_MUCH_DATA -> "Raise the limit with " + maxTotalBytes + " if the artifacts are genuinely"
                    + " this large.";
            case COMPRESSION_RATIO_EXCEEDED -> "Raise the limit with " + maxCompressionRatio + " if the entry is"
                    + " genuine.";
            default -> null;
        });
    }
}
