package dev.hotpatch.core;

/**
 * Why a run failed. Every {@link HotpatchException} carries one; {@code docs/reasons.md} lists
 * them with what to do.
 */
public enum ReasonCode {
    /** The baseline or target file does not exist or cannot be read. */
    INPUT_MISSING,
    /** A file or nested entry is not an archive we can read, or is damaged. */
    CORRUPT_ARCHIVE,
    /** Archives are nested deeper than the configured limit. */
    NESTING_TOO_DEEP,
    /** An archive holds the same entry name twice. */
    DUPLICATE_ENTRY,
    /** An entry name escapes its archive ({@code ../}, absolute, drive letter). */
    UNSAFE_ENTRY_NAME,
    /** An entry name is empty, holds {@code !/}, or is not valid UTF-8: it cannot be addressed reliably. */
    INVALID_ENTRY_NAME,
    /** The baseline or target holds no files at all. */
    EMPTY_INPUT,
    /** An archive has more entries than the configured limit. */
    TOO_MANY_ENTRIES,
    /** The uncompressed bytes read exceed the configured limit. */
    TOO_MUCH_DATA,
    /** An entry expands far more than real data does (zip bomb). */
    COMPRESSION_RATIO_EXCEEDED,
    /** An entry is encrypted. */
    ENCRYPTED_ENTRY,
    /** Applying the written patch to the baseline did not give the target. */
    SELF_CHECK_FAILED,
    /** A patch archive is not in the hotpatch format or does not match its manifest. */
    INVALID_PATCH,
    /** The two builds were made by different compilers. */
    COMPILER_MISMATCH,
    /** The patch needs a restart and the build is configured to fail on that. */
    RESTART_REQUIRED,
    /** A request parameter is invalid (bad ignore rule, bad limit, ...). */
    INVALID_REQUEST,
    /** Publishing the patch to a repository failed. */
    PUBLISH_FAILED,
    /** The dry run (the patch tried in a throwaway JVM) could not run or did not finish in time. */
    DRY_RUN_FAILED,
    /** Reading or writing a file failed for a reason outside the archive's content. */
    IO_ERROR
}
