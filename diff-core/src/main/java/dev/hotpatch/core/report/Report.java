package dev.hotpatch.core.report;

import dev.hotpatch.core.classfile.Assessment;
import dev.hotpatch.core.classfile.CompilerCheck;
import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.classfile.Finding;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.IgnoredEntry;
import dev.hotpatch.core.diff.LibraryPair;
import dev.hotpatch.core.patch.PatchArchive;
import dev.hotpatch.core.dryrun.DryRunResult;
import dev.hotpatch.core.dryrun.DryRunVerdict;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The outcome of a run as {@code report.json} describes it (schema in {@code docs/patch-format.md}),
 * also rendered as {@code summary.md} and {@code report.html} ({@link HtmlReport}).
 *
 * @param changes   what the diff found; null when the run failed before the diff ended
 * @param assessment the verdict; null when the run failed before it
 * @param patch     the written archive, empty when the builds have no differences
 * @param compilers both sides' compiler evidence; null when the run failed before the check
 * @param classDiffs for every modified class, its changed members and method diffs
 * @param failure   why the run failed, empty for a run that succeeded
 * @param dryRun    what the throwaway JVM answered, empty when no dry run ran
 */
public record Report(Provenance baseline, Provenance target, ChangeSet changes, Assessment assessment,
        Optional<PatchArchive> patch, CompilerCheck.Outcome compilers, List<ClassDiff> classDiffs,
        Optional<Failure> failure, Optional<DryRunResult> dryRun) {
    public static final int SCHEMA_VERSION = 1;
    private static final String HTML_NOTE = "\nThe full report, with the bytecode diff of each changed method: `"
            + HtmlReport.NAME + "` next to `report.json`.\n";

    public Report {
        classDiffs = List.copyOf(classDiffs);
    }

    public Report(Provenance baseline, Provenance target, ChangeSet changes, Assessment assessment,
            Optional<PatchArchive> patch) {
        this(baseline, target, changes, assessment, patch, null, List.of(), Optional.empty());
    }

    /** A report without a dry run. */
    public Report(Provenance baseline, Provenance target, ChangeSet changes, Assessment assessment,
            Optional<PatchArchive> patch, CompilerCheck.Outcome compilers, List<ClassDiff> classDiffs,
            Optional<Failure> failure) {
        this(baseline, target, changes, assessment, patch, compilers, classDiffs, failure, Optional.empty());
    }

    /** PATCH_WRITTEN, NO_CHANGES or FAILED. */
    public String status() {
        return failure.isPresent() ? "FAILED" : patch.isPresent() ? "PATCH_WRITTEN" : "NO_CHANGES";
    }

    /** The changes grouped by container, each with its verdict and class diff. */
    public List<ContainerGroup> containers() {
        return changes == null ? List.of() : ContainerGroup.of(changes, assessment, classDiffs);
    }

    public byte[] toJson() {
        JsonObject root = new JsonObject();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("status", status());
        if (failure.isPresent()) {
            Failure f = failure.get();
            root.put("reason", f.reason().name()).put("message", f.message()).put("location", f.location());
        }
        root.put("hash", patch.isPresent() ? patch.get().sha256() : null);
        root.put("archive", patch.isPresent() ? patch.get().file().getFileName().toString() : null);
        root.put("verdict", assessment == null ? null : assessment.verdict().name());
        if (patch.isPresent()) {
            root.put("archiveSize", patch.get().size());
        }
        provenance(root.putObject("baseline"), baseline);
        provenance(root.putObject("target"), target);
        if (compilers != null) {
            root.putObject("compilers").put("baseline", compilers.deployed().describeJdk() + "; "
                    + compilers.deployed().describeClasses()).put("target", compilers.branch().describeJdk() + "; "
                    + compilers.branch().describeClasses());
        }
        if (changes == null) {
            return json(root);
        }
        JsonObject summary = root.putObject("summary");
        for (ChangeKind kind : ChangeKind.values()) {
            summary.put(kind.name().toLowerCase(java.util.Locale.ROOT), changes.count(kind));
        }
        summary.put("ignored", changes.ignored().size());
        JsonObject.Array list = root.putArray("changes");
        for (Change c : changes.changes()) {
            JsonObject n = list.addObject();
            n.put("path", c.path().toString());
            n.put("kind", c.kind().name());
            n.put("container", c.path().parent().toString());
            if (c.oldSha256() != null) {
                n.put("oldSha256", c.oldSha256());
                n.put("oldSize", c.oldSize());
            }
            if (c.newSha256() != null) {
                n.put("newSha256", c.newSha256());
                n.put("newSize", c.newSize());
            }
            if (c.isWholeArchive()) {
                n.put("archiveEntries", c.nestedEntries());
            }
            for (ClassDiff d : classDiffs) {
                if (d.path().equals(c.path())) {
                    d.toJson(n.putObject("classDiff"));
                    break;
                }
            }
            ChangeVerdict v = verdictOf(c);
            if (v != null) {
                n.put("verdict", v.verdict().name());
                n.put("action", v.action().name());
                if (v.location() != null) {
                    n.put("classContainer", v.location().container());
                    n.put("class", v.location().className());
                }
                JsonObject.Array reasons = n.putArray("reasons");
                for (Finding f : v.findings()) {
                    reasons.addObject().put("code", f.code().name()).put("severity", f.severity().name())
                            .put("message", f.message());
                }
            }
        }
        JsonObject.Array libraries = root.putArray("libraries");
        for (LibraryPair l : changes.libraries()) {
            libraries.addObject().put("deployed", l.deployed().toString()).put("branch", l.branch().toString())
                    .put("artifact", l.artifact()).put("deployedVersion", l.deployedVersion())
                    .put("branchVersion", l.branchVersion()).put("direction", l.direction().name())
                    .put("changes", changesIn(l));
        }
        if (dryRun.isPresent()) {
            dryRun(root.putObject("dryRun"), dryRun.get());
        }
        JsonObject.Array ignored = root.putArray("ignored");
        for (IgnoredEntry i : changes.ignored()) {
            ignored.addObject().put("path", i.path().toString()).put("kind", i.kind().name()).put("rule", i.rule());
        }
        return json(root);
    }

    private static byte[] json(JsonObject root) {
        return dev.hotpatch.format.Json.write(root.tree()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void dryRun(JsonObject node, DryRunResult d) {
        node.put("status", d.status().name());
        if (d.note() != null) {
            node.put("note", d.note());
        }
        if (d.jvm() != null) {
            node.putObject("jvm").put("vendor", d.jvm().vendor()).put("version", d.jvm().version())
                    .put("name", d.jvm().name());
        }
        JsonObject.Array classes = node.putArray("classes");
        for (DryRunResult.ClassAnswer a : d.classes()) {
            JsonObject n = classes.addObject().put("path", a.path()).put("class", a.className())
                    .put("step", a.step()).put("answer", a.answer().name());
            if (a.message() != null) {
                n.put("message", a.message());
            }
        }
        JsonObject.Array notes = node.putArray("disagreements");
        for (String note : DryRunVerdict.disagreements(d)) {
            notes.add(note);
        }
    }

    // Loops rather than streams and lambdas here and in the rest of a run's path: each lambda, method
    // reference or stream call site costs a cold JVM a quarter to half a millisecond to link the first
    // time. LauncherIT keeps a diff free of them (bench/README.md).

    /** The verdict of a change, or null when there is none (no assessment, or not a class). */
    private ChangeVerdict verdictOf(Change c) {
        return assessment == null ? null : assessment.verdictOf(c.path()).orElse(null);
    }

    /** How many of the changes lie inside a paired library. */
    private long changesIn(LibraryPair l) {
        long n = 0;
        for (Change c : changes.changes()) {
            if (l.contains(c.path())) {
                n++;
            }
        }
        return n;
    }

    private static void provenance(JsonObject node, Provenance p) {
        node.put("source", p.source());
        node.put("file", p.file().toString());
        node.put("sha256", p.sha256());
        if (p.size() >= 0) {
            node.put("size", p.size());
        }
        node.put("root", p.root());
        if (p.repository() != null) {
            node.put("repository", p.repository());
        }
    }

    private static void dryRunMarkdown(StringBuilder md, DryRunResult d) {
        md.append("\n## Dry run\n\n");
        if (d.status() == DryRunResult.Status.SKIPPED) {
            md.append("Skipped: ").append(d.note()).append('\n');
            return;
        }
        md.append("Answered by **").append(d.jvm().describe()).append("**.\n\n");
        md.append("| class | step | answer | JVM's message |\n|---|---|---|---|\n");
        for (DryRunResult.ClassAnswer a : d.classes()) {
            md.append("| `").append(a.className().replace('/', '.')).append("` | ").append(a.step()).append(" | ")
                    .append(a.answer()).append(" | ")
                    .append(a.message() == null ? "" : a.message().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        List<String> notes = DryRunVerdict.disagreements(d);
        if (!notes.isEmpty()) {
            md.append("\nRules and JVM disagree:\n\n");
            for (String n : notes) {
                md.append("- ").append(n).append('\n');
            }
        }
    }

    /** A short Markdown summary for people: what changed, the hash, what was ignored. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# hotpatch\n\n");
        md.append("- baseline: `").append(baseline.source()).append("`\n");
        md.append("- target: `").append(target.source()).append("`\n");
        if (failure.isPresent()) {
            md.append("\n**FAILED** with `").append(failure.get().reason()).append("`: ")
                    .append(failure.get().message()).append(failure.get().location() == null ? ""
                            : " (`" + failure.get().location() + "`)").append("\n\nWhat to do: ")
                    .append(failure.get().reason().whatToDo()).append("\n");
            if (changes == null) {
                return md.append(HTML_NOTE).toString();
            }
        }
        if (patch.isEmpty() && failure.isEmpty()) {
            md.append("\nNo differences: no patch was written.\n");
        } else {
            if (patch.isPresent()) {
                md.append("- hash: `").append(patch.get().sha256()).append("`\n");
            }
            if (assessment != null) {
                md.append("- verdict: **").append(assessment.verdict()).append("**\n");
            }
            md.append("- changes: ").append(changes.count(ChangeKind.ADDED)).append(" added, ")
                    .append(changes.count(ChangeKind.MODIFIED)).append(" modified, ")
                    .append(changes.count(ChangeKind.REMOVED)).append(" removed; ")
                    .append(changes.ignored().size()).append(" ignored\n\n");
            for (LibraryPair l : changes.libraries()) {
                md.append("- ").append(l.describe()).append(": ")
                        .append(changesIn(l))
                        .append(" changes inside, listed under the deployed jar\n");
            }
            if (!changes.libraries().isEmpty()) {
                md.append('\n');
            }
            md.append("| change | path | verdict | reasons |\n|---|---|---|---|\n");
            for (Change c : changes.changes()) {
                ChangeVerdict v = verdictOf(c);
                md.append("| ").append(c.kind()).append(" | `").append(c.path()).append("` | ")
                        .append(v == null ? "" : v.verdict().name()).append(" | ");
                if (v != null) {
                    StringJoiner reasons = new StringJoiner("<br>");
                    for (Finding f : v.findings()) {
                        reasons.add(f.code() + ": " + f.message().replace("|", "\\|"));
                    }
                    md.append(reasons);
                }
                md.append(" |\n");
            }
            md.append(methodSummary());
        }
        if (dryRun.isPresent()) {
            dryRunMarkdown(md, dryRun.get());
        }
        if (!changes.ignored().isEmpty()) {
            md.append("\nIgnored by rule:\n\n");
            for (IgnoredEntry i : changes.ignored()) {
                md.append("- `").append(i.path()).append("` (").append(i.rule()).append(")\n");
            }
        }
        return md.append(HTML_NOTE).toString();
    }

    /** The short form of the method diffs: one line per changed method, with the source lines it touches. */
    private String methodSummary() {
        StringBuilder md = new StringBuilder();
        for (ClassDiff d : classDiffs) {
            for (MethodDiff m : d.methods()) {
                if (md.isEmpty()) {
                    md.append("\nChanged method bodies:\n\n");
                }
                List<Integer> lines = m.changedSourceLines();
                md.append("- `").append(d.className()).append('.').append(m.key()).append("`: ")
                        .append(m.removedLines()).append(m.removedLines() == 1 ? " bytecode line" : " bytecode lines")
                        .append(" removed, ").append(m.addedLines()).append(" added");
                if (!lines.isEmpty()) {
                    String opening = lines.size() == 1 ? " (source line " : " (source lines ";
                    StringJoiner numbers = new StringJoiner(", ", opening, ")");
                    for (Integer line : lines) {
                        numbers.add(line.toString());
                    }
                    md.append(numbers);
                }
                md.append('\n');
            }
        }
        return md.toString();
    }
}
