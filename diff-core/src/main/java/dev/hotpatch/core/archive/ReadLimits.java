package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;

/**
 * Bounds that keep a crafted or broken artifact from exhausting the machine.
 *
 * @param maxNestingDepth     how many archives deep to descend (a jar in a fat jar is depth 1)
 * @param maxEntries          entries in any one archive
 * @param maxTotalBytes       uncompressed bytes read or spilled over the whole run
 * @param maxCompressionRatio uncompressed size / compressed size allowed for one zip entry
 */
public record ReadLimits(int maxNestingDepth, int maxEntries, long maxTotalBytes, int maxCompressionRatio) {
    public static final int DEFAULT_NESTING_DEPTH = 8;
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 64L << 30;
    public static final int DEFAULT_MAX_COMPRESSION_RATIO = 1000;

    public static final ReadLimits DEFAULTS = new ReadLimits(
            DEFAULT_NESTING_DEPTH, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_COMPRESSION_RATIO);

    public ReadLimits {
        if (maxNestingDepth < 0 || maxEntries < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
            throw new HotpatchException(ReasonCode.INVALID_REQUEST, null, "The read limits must be positive"
                    + " (maxNestingDepth may be 0): maxNestingDepth=" + maxNestingDepth + ", maxEntries=" + maxEntries
                    + ", maxTotalBytes=" + maxTotalBytes + ", maxCompressionRatio=" + maxCompressionRatio + ".");
        }
    }

    public ReadLimits withMaxNestingDepth(int depth) {
        return new ReadLimits(depth, maxEntries, maxTotalBytes, maxCompressionRatio);
    }

    public ReadLimits withMaxCompressionRatio(int ratio) {
        return new ReadLimits(maxNestingDepth, maxEntries, maxTotalBytes, ratio);
    }
}
