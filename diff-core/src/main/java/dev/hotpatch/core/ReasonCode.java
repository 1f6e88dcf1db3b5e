package dev.hotpatch.core;

/**
 * Why a run failed. Every {@link HotpatchException} carries one. This enum is the catalogue's source
 * of what each means and what to do; {@code docs/reasons.md} shows the same text (a test keeps the
 * two equal).
 */
public enum ReasonCode {
    /** The baseline or target file does not exist or cannot be read. */
    INPUT_MISSING(
            "The baseline or target does not exist or cannot be read. A missing baseline is never treated as empty.",
            "Check `hotpatch.baseline` / `hotpatch.target`; for the target run `package` first."),
    /** A file or nested entry is not an archive we can read, or is damaged. */
    CORRUPT_ARCHIVE(
            "A file or nested entry looks like an archive but cannot be read (truncated, damaged, not a zip "
                    + "although named `.jar`), an entry holds more data than its header declares, or a zip's central "
                    + "directory disagrees with its local headers (another name or compression method, or two directory "
                    + "records sharing one entry). The message names the `!/` path.",
            "Rebuild or re-download the artifact; compare its checksum with the repository's."),
    /** Archives are nested deeper than the configured limit. */
    NESTING_TOO_DEEP(
            "Archives are nested deeper than `hotpatch.maxNestingDepth` (default 8).",
            "Raise the limit if the nesting is real; a deeper nest is usually a nesting bomb."),
    /** An archive holds the same entry name twice. */
    DUPLICATE_ENTRY(
            "An archive holds the same entry name twice, so which one a class loader sees is undefined.",
            "Fix the build that produced the archive (shade/assembly merge rules)."),
    /** An entry name escapes its archive ({@code ../}, absolute, drive letter). */
    UNSAFE_ENTRY_NAME(
            "An entry name escapes its archive: a `..` segment (or `..!`, which a patch manifest could not name),"
                    + " an absolute path, a drive letter or a backslash path.",
            "Do not deploy such an artifact; find out who produced it."),
    /** An entry name is empty, holds {@code !/}, or is not valid UTF-8: it cannot be addressed reliably. */
    INVALID_ENTRY_NAME(
            "An entry name cannot be addressed reliably: it is empty, it contains `!/` (the separator between "
                    + "nesting levels), or it is not valid UTF-8 (and no Unicode path field gives the real name; "
                    + "decoding would replace the bad bytes, so two entries could look alike, and the JVM refuses such a "
                    + "jar too).",
            "Rebuild the artifact with plain UTF-8 entry names."),
    /** The baseline or target holds no files at all. */
    EMPTY_INPUT(
            "The baseline or the target holds no files at all (a 0-byte file, an empty zip or directory). A"
                    + " patch against an empty build would be the whole target.",
            "Check that the path or coordinates point at the real build."),
    /** An archive has more entries than the configured limit. */
    TOO_MANY_ENTRIES(
            "An archive has more entries than `hotpatch.maxEntries` (default 1,000,000).",
            "Raise the limit if the artifact is genuine."),
    /** The uncompressed bytes read exceed the configured limit. */
    TOO_MUCH_DATA(
            "The uncompressed bytes read exceed `hotpatch.maxTotalBytes` (default 64 GiB).",
            "Raise the limit if the artifact is genuine."),
    /** An entry expands far more than real data does (zip bomb). */
    COMPRESSION_RATIO_EXCEEDED(
            "An entry inflates more than `hotpatch.maxCompressionRatio` times its compressed size (default "
                    + "1000), the mark of a zip bomb.",
            "Raise the limit only for known, highly repetitive data."),
    /** An entry is encrypted. */
    ENCRYPTED_ENTRY(
            "An entry is encrypted; its content cannot be compared.",
            "Publish the artifact without encryption."),
    /** Applying the written patch to the baseline did not give the target. */
    SELF_CHECK_FAILED(
            "Applying the written patch to the baseline did not give the target; the patch was deleted.",
            "A bug in hotpatch or a file changed during the run: report it with both artifacts."),
    /** A patch archive is not in the hotpatch format or does not match its manifest. */
    INVALID_PATCH(
            "A patch archive is not in the `hotpatch-patch/2` format or its content does not match its "
                    + "manifest (tampered or damaged).",
            "Do not apply it; fetch it again by hash."),
    /** The two builds were made by different compilers. */
    COMPILER_MISMATCH(
            "The two builds were made by different compilers.",
            "Build the branch with the deployed build's JDK, or override explicitly."),
    /** The patch needs a restart and the build is configured to fail on that. */
    RESTART_REQUIRED(
            "The patch cannot be hot-swapped and the build is configured to fail on that.",
            "Roll out with a restart, or change the fix so only method bodies change."),
    /** A request parameter is invalid (bad ignore rule, bad limit, ...). */
    INVALID_REQUEST(
            "A parameter is invalid (a bad ignore glob, a negative limit, unknown coordinates syntax).",
            "Fix the parameter named in the message."),
    /** Publishing the patch to a repository failed. */
    PUBLISH_FAILED(
            "Publishing the patch to a repository failed; the message says which of the cases below.",
            "See [Publishing failures](#publishing-failures)."),
    /** The dry run (the patch tried in a throwaway JVM) could not run or did not finish in time. */
    DRY_RUN_FAILED(
            "The dry run (the patch tried in a throwaway JVM, see [below](#the-dry-run)) could not run: the JDK "
                    + "named by `hotpatch.dryRunJdk` or the toolchain has no `bin/java`, the agent jar is missing, the "
                    + "JVM crashed or gave no answer, or it took longer than `hotpatch.dryRunTimeout` (it is then "
                    + "killed with every process it started).",
            "Fix the JDK path or toolchain named in the message; raise `hotpatch.dryRunTimeout` / "
                    + "`hotpatch.dryRunMaxHeap` for a very large build; or skip it with `-Dhotpatch.dryRun=false` "
                    + "(CLI `--no-dry-run`)."),
    /** Reading or writing a file failed for a reason outside the archive's content. */
    IO_ERROR(
            "Reading or writing a file failed for a reason outside the archive's content (disk full, permissions).",
            "Fix the file system problem named in the message.");

    private final String meaning;
    private final String whatToDo;

    ReasonCode(String meaning, String whatToDo) {
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    /** The catalogue's explanation (Markdown: {@code `code`}, {@code **bold**}, links), as in {@code docs/reasons.md}. */
    public String meaning() {
        return meaning;
    }

    /** What to do, as in {@code docs/reasons.md}. */
    public String whatToDo() {
        return whatToDo;
    }
}
