package dev.hotpatch.core;

import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.classfile.Assessment;
import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.classfile.CompilerCheck;
import dev.hotpatch.core.classfile.Finding;
import dev.hotpatch.core.classfile.SwapAnalyzer;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.classfile.Verdict;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.DiffProgress;
import dev.hotpatch.core.diff.Differ;
import dev.hotpatch.core.diff.IgnoredEntry;
import dev.hotpatch.core.diff.LibraryPair;
import dev.hotpatch.core.diff.SameEntries;
import dev.hotpatch.core.dryrun.DryRunResult;
import dev.hotpatch.core.dryrun.DryRunVerdict;
import dev.hotpatch.core.dryrun.DryRunner;
import dev.hotpatch.core.patch.PatchArchive;
import dev.hotpatch.core.patch.PatchPlan;
import dev.hotpatch.core.patch.PatchVerifier;
import dev.hotpatch.core.patch.PatchWriter;
import dev.hotpatch.core.report.ClassDiff;
import dev.hotpatch.core.report.Failure;
import dev.hotpatch.core.report.HtmlReport;
import dev.hotpatch.core.report.OutputFiles;
import dev.hotpatch.core.report.Provenance;
import dev.hotpatch.core.report.Report;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The pipeline: open both builds, diff them, write the patch, check it by applying it, write the
 * report. The mojo and the CLI call {@link #diff} and nothing else.
 */
public final class Hotpatch {
    private final HotpatchListener listener;

    public Hotpatch(HotpatchListener listener) {
        this.listener = listener;
    }

    /**
     * Runs the pipeline and fails when the patch needs a restart and the request says to fail then
     * (after the report is written).
     */
    public DiffResult diff(DiffRequest request) {
        DiffResult result = assess(request);
        if (result.restartFailure().isPresent()) {
            throw result.restartFailure().get();
        }
        return result;
    }

    /**
     * Runs the pipeline; a verdict that should fail the run is returned in
     * {@link DiffResult#restartFailure()} rather than thrown, so a caller can hand the verdict back
     * (CI outputs) before failing. Every other failure is thrown; one that an option can lift says
     * which, in the words of {@link DiffRequest#optionNames()}.
     */
    public DiffResult assess(DiffRequest request) {
        try {
            return run(request);
        } catch (HotpatchException e) {
            Optional<String> advice = request.optionNames().advice(e.reason());
            throw advice.isPresent() ? e.withAdvice(advice.get()) : e;
        }
    }

    private DiffResult run(DiffRequest request) {
        clearOutputs(request);
        Learned learned = new Learned(request);
        try {
            return run(request, learned);
        } catch (HotpatchException e) {
            reportFailure(request, learned, e);
            throw e;
        }
    }

    private DiffResult run(DiffRequest request, Learned learned) {
        refuseSameFile(request);
        ExecutorService background = Executors.newFixedThreadPool(2, new Daemons());
        // Hashing both whole files is the one full read of each input and most of a run's work: it
        // starts first, on the other core, while this thread opens the archives and diffs them from
        // their directories. (A file that cannot be read fails the open below with a clearer message.)
        // The baseline's hash goes first, alone: the patch names it, and once it is known the patch
        // is written and self-checked while the target's is computed (only the reports need that).
        // The target's starts when the baseline's is done or when this thread has nothing left to do
        // but wait for it, whichever comes first, so that no core idles; by then the JIT has compiled
        // SHA-256, which is fast only after that.
        CountDownLatch startTarget = new CountDownLatch(1);
        Future<Provenance> baselineHash = background.submit(new Hashing(request.baselineSource(), request.baseline(),
                request.baselineRepository(), null, startTarget));
        Future<Provenance> targetHash = background.submit(new Hashing(request.targetSource(), request.target(), null,
                startTarget, null));
        learned.baselineHash = baselineHash;
        learned.targetHash = targetHash;
        try (ArchiveReader reader = new ArchiveReader(request.limits());
                ContentStore store = ContentStore.createTemporary();
                Archive baseline = reader.open(request.baseline());
                Archive target = reader.open(request.target())) {
            refuseEmpty(baseline, "baseline");
            refuseEmpty(target, "target");
            listener.onEvent(HotpatchEvent.info("Comparing baseline " + request.baselineSource() + " with target "
                    + request.targetSource()));

            SameEntries same = new SameEntries();
            DiffProgress progress = DiffProgress.every(DiffProgress.DEFAULT_INTERVAL_NANOS, listener);
            ChangeSet changes = new Differ(reader, request.ignoreRules(), store, same, progress)
                    .diff(baseline, target);
            learned.changes = changes;
            if (!changes.baselineRoot().isEmpty()) {
                listener.onEvent(HotpatchEvent.info("Paired top folders " + changes.baselineRoot() + " and "
                        + changes.targetRoot()));
            }
            for (LibraryPair l : changes.libraries()) {
                listener.onEvent(HotpatchEvent.info("Paired " + l.describe()));
            }
            for (IgnoredEntry i : changes.ignored()) {
                listener.onEvent(HotpatchEvent.debug("Ignored " + i.kind() + " " + i.path() + " (rule " + i.rule()
                        + ")"));
            }
            listener.onEvent(HotpatchEvent.info("Changes: " + changes.count(ChangeKind.ADDED) + " added, "
                    + changes.count(ChangeKind.MODIFIED) + " modified, " + changes.count(ChangeKind.REMOVED)
                    + " removed; " + changes.ignored().size() + " ignored"));

            learned.classDiffs = ClassDiff.of(changes, store);
            CompilerCheck.Outcome compilers = new CompilerCheck(store).check(baseline, target, changes);
            learned.compilers = compilers;
            checkCompilers(request, compilers);
            Assessment assessment = new SwapAnalyzer(store).assess(changes);
            learned.assessment = assessment;
            reportVerdict(assessment);

            // The baseline's hash is first needed here (the patch names it); the work above ran while
            // it was computed.
            startTarget.countDown();
            Provenance from = joined(baselineHash).withRoot(changes.baselineRoot());
            learned.from = from;

            Optional<PatchArchive> patch = Optional.empty();
            Optional<DryRunResult> dryRun = Optional.empty();
            if (!changes.isEmpty() && !request.dryRun().enabled()) {
                // The reports need nothing the self-check finds but that it passed: the target's hash
                // is awaited and they are rendered on the other core while it runs, and written after.
                PatchArchive written = writePatchFile(request, store, changes, assessment, from);
                Assessment assessed = assessment;
                Future<Rendered> rendering = background.submit(new Callable<Rendered>() {
                    @Override
                    public Rendered call() {
                        return Rendered.of(new Report(from, joined(targetHash).withRoot(changes.targetRoot()), changes,
                                assessed, Optional.of(written), compilers, learned.classDiffs, Optional.empty(),
                                Optional.empty()));
                    }
                });
                try {
                    selfCheck(request, reader, same, written, baseline, target);
                } catch (RuntimeException e) {
                    rendering.cancel(true);
                    throw e;
                }
                // the target's hash too is in by now, or the run fails before the patch is announced
                Rendered rendered = joined(rendering);
                learned.to = rendered.report().target();
                announce(request, written);
                rendered.write(request);
                return result(request, rendered.report(), assessment);
            }
            Provenance to = joined(targetHash).withRoot(changes.targetRoot());
            learned.to = to;
            if (!changes.isEmpty()) {
                patch = Optional.of(writePatch(request, reader, store, same, changes, assessment, from, baseline,
                        target));
                dryRun = dryRun(request, changes, assessment, patch.get(), from);
                Assessment assessed = assessment;
                Assessment answered = dryRun.isPresent() ? DryRunVerdict.apply(assessed, dryRun.get()) : assessed;
                if (answered != assessed) {
                    // the JVM refused what the rules accepted: the patch's plan must say restart too
                    assessment = answered;
                    reportVerdict(assessment);
                    patch = Optional.of(writePatch(request, reader, store, same, changes, assessment, from, baseline,
                            target));
                }
            } else {
                listener.onEvent(HotpatchEvent.info("The builds have no differences; no patch was written."));
            }
            learned.assessment = assessment;
            Report report = new Report(from, to, changes, assessment, patch, compilers, learned.classDiffs,
                    Optional.empty(), dryRun);
            writeReports(request, report);
            return result(request, report, assessment);
        } catch (HotpatchException e) {
            learned.settleProvenance(); // while the hashing tasks may still finish
            throw e;
        } finally {
            background.shutdownNow();
        }
    }

    private static DiffResult result(DiffRequest request, Report report, Assessment assessment) {
        HotpatchException restartFailure = null;
        if (assessment.verdict() == Verdict.RESTART_REQUIRED && request.failOnRestartRequired()) {
            restartFailure = new HotpatchException(ReasonCode.RESTART_REQUIRED, request.reportFile().toString(),
                    "The patch cannot be applied to a running JVM; roll it out with a restart:\n"
                            + restartSummary(assessment)
                            + "\nThe report and the patch were written; nothing may be published. Use "
                            + request.optionNames().passOnRestartRequired() + " to let the run pass with this"
                            + " verdict.");
        }
        return new DiffResult(report, request.reportFile(), request.summaryFile(), Optional.ofNullable(restartFailure));
    }

    /** A report and its three forms' bytes, rendered before they are written. */
    private record Rendered(Report report, byte[] json, byte[] markdown, byte[] html) {
        static Rendered of(Report report) {
            return new Rendered(report, report.toJson(), report.toMarkdown().getBytes(StandardCharsets.UTF_8),
                    HtmlReport.render(report));
        }

        void write(DiffRequest request) {
            OutputFiles.write(request.reportFile(), json);
            OutputFiles.write(request.summaryFile(), markdown);
            OutputFiles.write(request.htmlReportFile(), html);
        }
    }

    /** Tries the written patch in a throwaway JVM when the request asks for it and there is something to ask. */
    private Optional<DryRunResult> dryRun(DiffRequest request, ChangeSet changes, Assessment assessment,
            PatchArchive patch, Provenance from) {
        if (!request.dryRun().enabled()) {
            return Optional.empty();
        }
        Map<EntryPath, ChangeKind> kinds = new HashMap<>();
        for (Change c : changes.changes()) {
            kinds.put(c.path(), c.kind());
        }
        List<String> probes = DryRunVerdict.probes(assessment, kinds);
        if (!DryRunVerdict.worthRunning(assessment, probes)) {
            return Optional.empty();
        }
        String unsupported = DryRunVerdict.unsupported(request.baseline(), from.root());
        if (unsupported != null) {
            listener.onEvent(HotpatchEvent.warn("Dry run skipped: " + unsupported));
            return Optional.of(DryRunResult.skipped(unsupported));
        }
        long start = System.nanoTime();
        DryRunResult result = new DryRunner(request.dryRun()).run(request.baseline(), patch.file(), probes);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long accepted = 0;
        long probed = 0;
        for (DryRunResult.ClassAnswer a : result.classes()) {
            if (a.step().equals("PROBE")) {
                probed++;
            } else if (a.answer() == DryRunResult.Answer.ACCEPTED) {
                accepted++;
            }
        }
        listener.onEvent(HotpatchEvent.info("Dry run on " + result.jvm().describe() + ": " + accepted + " of "
                + (result.classes().size() - probed) + " class steps accepted"
                + (probed == 0 ? "" : ", " + probed + " class(es) the rules refused tried too") + " (" + millis
                + " ms)"));
        for (DryRunResult.ClassAnswer a : result.classes()) {
            if (a.answer() == DryRunResult.Answer.NOT_LOADED) {
                listener.onEvent(HotpatchEvent.warn("Dry run could not try " + a.path() + ": " + a.message()));
            } else if (a.answer() == DryRunResult.Answer.REFUSED && !a.step().equals("PROBE")) {
                listener.onEvent(HotpatchEvent.warn("Dry run: the JVM refused " + a.path() + ": " + a.message()));
            }
        }
        for (String n : DryRunVerdict.disagreements(result)) {
            listener.onEvent(HotpatchEvent.warn(n));
        }
        return Optional.of(result);
    }

    private static void writeReports(DiffRequest request, Report report) {
        Rendered.of(report).write(request);
    }

    /**
     * A failed run leaves no patch, but reports the failure and what it learned before it: what was
     * compared, the changes and verdict when it got that far.
     */
    private void reportFailure(DiffRequest request, Learned learned, HotpatchException failure) {
        try {
            OutputFiles.delete(request.archiveFile());
            OutputFiles.delete(request.hashFile());
            writeReports(request, new Report(learned.from(), learned.to(), learned.changes, learned.assessment,
                    Optional.empty(), learned.compilers, learned.classDiffs, Optional.of(Failure.of(failure))));
            listener.onEvent(HotpatchEvent.info("Report of the failed run: " + request.htmlReportFile()));
        } catch (HotpatchException e) {
            failure.addSuppressed(e);
        }
    }

    /** What a run learned so far, so the report of a failed run can show it. Used by one run only. */
    private static final class Learned {
        private final DiffRequest request;
        Future<Provenance> baselineHash;
        Future<Provenance> targetHash;
        Provenance from;
        Provenance to;
        ChangeSet changes;
        List<ClassDiff> classDiffs = List.of();
        CompilerCheck.Outcome compilers;
        Assessment assessment;

        Learned(DiffRequest request) {
            this.request = request;
        }

        /** Takes the inputs' hashes once they are computed; an input that could not be hashed stays unknown. */
        void settleProvenance() {
            if (from == null) {
                from = settled(baselineHash);
            }
            if (to == null) {
                to = settled(targetHash);
            }
        }

        private static Provenance settled(Future<Provenance> task) {
            if (task == null) {
                return null;
            }
            try {
                return joined(task);
            } catch (RuntimeException e) {
                return null;
            }
        }

        Provenance from() {
            return from != null ? from : new Provenance(request.baselineSource(), request.baseline(), null, -1, "",
                    request.baselineRepository());
        }

        Provenance to() {
            return to != null ? to : new Provenance(request.targetSource(), request.target(), null, -1, "", null);
        }
    }

    /** The result of a background task, its failure rethrown as it was thrown. */
    private static <T> T joined(Future<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HotpatchException(ReasonCode.IO_ERROR, null,
                    "Interrupted while waiting for the hashes or the reports.", e);
        }
    }

    private void checkCompilers(DiffRequest request, CompilerCheck.Outcome compilers) {
        for (String w : compilers.warnings()) {
            listener.onEvent(HotpatchEvent.warn(w));
        }
        if (compilers.matches()) {
            return;
        }
        if (!request.skipCompilerCheck()) {
            throw new HotpatchException(ReasonCode.COMPILER_MISMATCH, request.target().toString(),
                    compilers.message(request.optionNames().skipCompilerCheck()));
        }
        listener.onEvent(HotpatchEvent.warn(compilers.message(request.optionNames().skipCompilerCheck()).replace(
                "\nBuild the branch", "\nGoing on because of " + request.optionNames().skipCompilerCheck()
                        + ". Build the branch")));
    }

    private void reportVerdict(Assessment assessment) {
        listener.onEvent(HotpatchEvent.info("Verdict: " + assessment.verdict()));
        for (ChangeVerdict c : assessment.changes()) {
            for (Finding f : c.findings()) {
                if (f.severity() == SwapReason.Severity.RESTART) {
                    listener.onEvent(HotpatchEvent.info("  restart: " + f.code() + " " + f.message()));
                } else if (f.severity() != SwapReason.Severity.INFO) {
                    listener.onEvent(HotpatchEvent.warn(f.code() + " " + f.message()));
                }
            }
        }
    }

    private static String restartSummary(Assessment assessment) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<EntryPath, List<Finding>> reasons : assessment.restartReasons().entrySet()) {
            for (Finding f : reasons.getValue()) {
                out.append("  ").append(reasons.getKey()).append(": ").append(f.code()).append(" - ")
                        .append(f.message()).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    private PatchArchive writePatch(DiffRequest request, ArchiveReader reader, ContentStore store, SameEntries same,
            ChangeSet changes, Assessment assessment, Provenance from, Archive baseline, Archive target) {
        PatchArchive patch = writePatchFile(request, store, changes, assessment, from);
        checkPatch(request, reader, same, patch, baseline, target);
        return patch;
    }

    private static PatchArchive writePatchFile(DiffRequest request, ContentStore store, ChangeSet changes,
            Assessment assessment, Provenance from) {
        List<PatchManifest.Entry> entries = new ArrayList<>();
        for (Change c : changes.changes()) {
            entries.add(PatchPlan.entry(c, assessment.verdictOf(c.path()).orElse(null)));
        }
        PatchManifest manifest = new PatchManifest(from.sha256(), changes.baselineRoot(), changes.targetRoot(),
                assessment.verdict().name(), entries);
        return new PatchWriter().write(manifest, store, request.archiveFile());
    }

    /** The self-check; a patch that fails it is deleted. Then the hash file, and the patch is announced. */
    private void checkPatch(DiffRequest request, ArchiveReader reader, SameEntries same, PatchArchive patch,
            Archive baseline, Archive target) {
        selfCheck(request, reader, same, patch, baseline, target);
        announce(request, patch);
    }

    private void selfCheck(DiffRequest request, ArchiveReader reader, SameEntries same, PatchArchive patch,
            Archive baseline, Archive target) {
        try {
            new PatchVerifier(reader, request.ignoreRules(), same).verify(baseline, patch.file(), target);
        } catch (RuntimeException e) {
            OutputFiles.delete(patch.file());
            throw e;
        }
        listener.onEvent(HotpatchEvent.info("Self-check passed: baseline + patch = target"));
    }

    private void announce(DiffRequest request, PatchArchive patch) {
        OutputFiles.write(request.hashFile(),
                (patch.sha256() + "  " + patch.file().getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        listener.onEvent(HotpatchEvent.info("Patch " + patch.file() + " (" + patch.size() + " bytes)"));
        listener.onEvent(HotpatchEvent.info("hash: " + patch.sha256()));
    }

    /** A failed run must not leave an earlier run's patch or hash behind to be mistaken for its own. */
    private static void clearOutputs(DiffRequest request) {
        for (Path p : new Path[] {request.archiveFile(), request.hashFile(), request.reportFile(), request.summaryFile(),
                request.htmlReportFile()}) {
            OutputFiles.delete(p);
        }
    }

    /** Comparing a build with itself always "succeeds" with no changes, which hides a wrong baseline. */
    private static void refuseSameFile(DiffRequest request) {
        try {
            if (Files.exists(request.baseline()) && Files.exists(request.target())
                    && Files.isSameFile(request.baseline(), request.target())) {
                throw new HotpatchException(ReasonCode.INVALID_REQUEST, request.baseline().toString(),
                        "The baseline and the target are the same file (" + request.baselineSource() + " and "
                                + request.targetSource() + "). Point the baseline at the deployed build.");
            }
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, request.baseline().toString(),
                    "Cannot compare the baseline and target paths: " + e.getMessage(), e);
        }
    }

    /** An empty build is a wrong path or a broken download; a patch against it would be meaningless. */
    private static void refuseEmpty(Archive archive, String role) {
        if (archive.entries().isEmpty()) {
            throw new HotpatchException(ReasonCode.EMPTY_INPUT, archive.location(),
                    "The " + role + " holds no files. Check that it is the right artifact; hotpatch never diffs"
                            + " against or towards an empty build.");
        }
    }

    /** Threads that never keep the JVM alive. */
    private static final class Daemons implements ThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "hotpatch-background");
            t.setDaemon(true);
            return t;
        }
    }

    /**
     * Hashes one input: once {@code after} opens, if given; {@code done} opens once the input is hashed or has
     * failed to be.
     */
    private record Hashing(String source, Path file, String repository, CountDownLatch after, CountDownLatch done)
            implements Callable<Provenance> {
        @Override
        public Provenance call() throws InterruptedException {
            if (after != null) {
                after.await();
            }
            try {
                if (Files.isDirectory(file)) {
                    return new Provenance(source, file, null, -1, "", repository);
                }
                Sha256.Digest d = Sha256.of(file);
                return new Provenance(source, file, d.hex(), d.size(), "", repository);
            } catch (IOException e) {
                throw new HotpatchException(ReasonCode.INPUT_MISSING, file.toString(), "Cannot read the file: "
                        + e.getMessage(), e);
            } finally {
                if (done != null) {
                    done.countDown(); // a failed or directory input must not keep the other waiting either
                }
            }
        }
    }
}
