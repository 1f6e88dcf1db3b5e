package dev.hotpatch.agent;

import dev.hotpatch.format.PatchContents;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this JVM on the patch its configuration asks for. One thread reads the configuration,
 * downloads the wanted patch, checks it (hash, manifest, deployed build, plan) and has the
 * {@link ClassPatcher} carry out its plan; every change of state goes through {@link #enter}, which
 * logs it once and tells the listeners (JMX, a fleet store).
 *
 * <p>The agent never breaks the application and never stops: every failure is caught, reported with
 * a reason and the running code stays as it was. A refused patch is not fetched again until the
 * configuration asks for another; an unreachable configuration or repository is retried with
 * growing, jittered delays. The JVM's start waits for the first round at most {@code startupWait}.
 */
final class HotpatchAgent implements ClassPatcher.Callback {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final AgentSettings settings;
    private final AgentLog log;
    private final ClassPatcher patcher;
    private final DeployedArtifact deployed;
    private final AgentStatus status = new AgentStatus();
    private final List<AgentState.Listener> listeners = new CopyOnWriteArrayList<>();
    private final PatchDownload download;
    private final CountDownLatch firstRound = new CountDownLatch(1);
    private final String host;
    private final long pid = ProcessHandle.current().pid();

    // guarded by this
    private AgentState state;
    private DesiredPatch applied;
    private DesiredPatch refused;
    private int failures;
    /** The plan the patcher runs, when a class-loading thread found it broken; the agent thread undoes it. */
    private ApplyPlan broken;
    /** The last failure logged, so a failure that repeats on every retry is logged once. */
    private String lastFailure;

    HotpatchAgent(AgentSettings settings, Instrumentation instrumentation, AgentLog log) {
        this.settings = settings;
        this.log = log;
        this.deployed = new DeployedArtifact(settings.artifact());
        this.patcher = new ClassPatcher(instrumentation, new Containers(settings.artifact()), log, this);
        this.download = new PatchDownload(settings);
        this.host = settings.host() != null && !settings.host().isBlank() ? settings.host().trim() : HostName.get();
        this.state = new AgentState(AgentState.Phase.IDLE, host, pid, "", null, null, null, "", Instant.now());
        listeners.add(status);
    }

    void addListener(AgentState.Listener listener) {
        listeners.add(listener);
    }

    /**
     * Installs the transformer, starts the agent's thread and waits at most {@code startupWait} for its first round.
     * The JMX status is registered by the agent's thread after that round: the platform MBean server's set-up
     * costs a JVM ~0.2 s of CPU that the application's start need not wait for.
     */
    void start() {
        patcher.install();
        log.line("started: " + settings.describe());
        Thread thread = new Thread(this::run, "hotpatch-agent");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!firstRound.await(settings.startupWait().toMillis(), TimeUnit.MILLISECONDS)) {
                log.line("the application starts without waiting longer than " + settings.startupWait().toMillis()
                        + " ms for the wanted patch; it is applied when it arrives");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        PatchSource source;
        try {
            source = PatchSources.open(settings.config(), new HostIdentity(host, pid, () -> {
                try {
                    return deployed.sha256();
                } catch (IOException e) {
                    return "";
                }
            }), settings.interval(), log::line);
            if (source instanceof AgentState.Listener store) {
                // a store that takes the host's state back (etcd): told the state now and on every change
                addListener(store);
                synchronized (this) {
                    store.onState(state);
                }
            }
        } catch (Throwable t) {
            fail(AgentReason.CONFIG_UNREADABLE, "cannot open " + settings.config() + ": " + t, null);
            firstRoundDone();
            return;
        }
        closeAtExit(source);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                round(source);
            } catch (Throwable t) {
                fail(AgentReason.INTERNAL_ERROR, "unexpected failure, will retry: " + t, null);
            } finally {
                firstRoundDone();
            }
            try {
                source.awaitChange(delay());
            } catch (InterruptedException e) {
                source.close();
                return;
            } catch (Throwable t) {
                fail(AgentReason.CONFIG_UNREADABLE, "waiting on " + source.describe() + " failed: " + t, null);
                try {
                    Thread.sleep(settings.interval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Lets the JVM's start go on; the first time, registers the JMX status too. */
    private void firstRoundDone() {
        if (firstRound.getCount() > 0) {
            firstRound.countDown();
            status.register(log);
        }
    }

    /**
     * Closes the source when the JVM shuts down normally: a fleet store (etcd) then takes this JVM's
     * status away at once instead of when its lease runs out, so the fleet's status stops listing a
     * JVM that has gone. Bounded (the status writer is given two seconds) and never throws.
     */
    private static void closeAtExit(PatchSource source) {
        Thread hook = new Thread(() -> {
            try {
                source.close();
            } catch (Throwable ignored) {
                // the JVM is going; the lease runs out by itself
            }
        }, "hotpatch-agent-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException | SecurityException shuttingDownOrRefused) {
            // nothing to take away later, or not ours to decide
        }
    }

    /** The interval, or after failures a longer one: doubled per failure, jittered, at most five minutes. */
    private synchronized Duration delay() {
        long base = settings.interval().toMillis();
        if (failures == 0) {
            return Duration.ofMillis(base);
        }
        long grown = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(failures, 16));
        return Duration.ofMillis(grown / 2 + ThreadLocalRandom.current().nextLong(grown / 2 + 1));
    }

    /** One round: read the configuration and act on it. */
    void round(PatchSource source) {
        undoBroken();
        Optional<DesiredPatch> wanted;
        try {
            wanted = source.read();
        } catch (Throwable t) {
            fail(AgentReason.CONFIG_UNREADABLE, "cannot read " + source.describe() + ": " + t, null);
            return;
        }
        DesiredPatch next = wanted.orElse(null);
        synchronized (this) {
            if (Objects.equals(next, applied) && broken == null) {
                if (refused != null && next == null) {
                    refused = null;
                }
                return;
            }
            if (next != null && next.equals(refused)) {
                return; // refused before: not fetched again until the configuration asks for another patch
            }
            refused = null;
        }
        if (next == null) {
            rollBack();
        } else {
            apply(next);
        }
    }

    private void apply(DesiredPatch patch) {
        enter(AgentState.Phase.WANTED, patch, null, "");
        URI url = settings.patchUrl(patch.version());
        byte[] archive;
        try {
            archive = download.fetch(url);
        } catch (Throwable t) {
            fail(AgentReason.DOWNLOAD_FAILED, "cannot download " + label(patch) + " from " + url + ": " + t
                    + "; will retry", patch);
            return;
        }
        enter(AgentState.Phase.DOWNLOADED, patch, null, "");
        String actual = Sha256.of(archive);
        if (!actual.equals(patch.hash())) {
            refuse(patch, AgentReason.HASH_MISMATCH, "the archive at " + url + " has SHA-256 " + actual + ", not "
                    + patch.hash());
            return;
        }
        PatchContents contents;
        try {
            contents = PatchContents.read(archive);
        } catch (IllegalArgumentException e) {
            refuse(patch, AgentReason.INVALID_PATCH, url + " is not a valid patch: " + e.getMessage());
            return;
        }
        PatchManifest manifest = contents.manifest();
        String deployedSha;
        try {
            deployedSha = deployed.sha256();
        } catch (Throwable t) {
            fail(AgentReason.INTERNAL_ERROR, "cannot hash the deployed build " + deployed.file() + ": " + t, patch);
            return;
        }
        if (!deployedSha.equals(manifest.baselineSha256())) {
            refuse(patch, AgentReason.WRONG_BASELINE, "it is for the build with SHA-256 " + manifest.baselineSha256()
                    + ", but this JVM runs " + deployed.file() + " with SHA-256 " + deployedSha);
            return;
        }
        if (!manifest.hotSwappable()) {
            refuse(patch, AgentReason.RESTART_REQUIRED, "its verdict is " + manifest.verdict()
                    + "; roll it out with a restart");
            return;
        }
        enter(AgentState.Phase.VERIFIED, patch, null, "");
        ApplyPlan plan = ApplyPlan.of(contents);
        ClassPatcher.Outcome outcome;
        try {
            outcome = patcher.apply(plan);
        } catch (ClassPatcher.Failure f) {
            refuse(patch, f.reason, f.getMessage());
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<ApplyPlan.Step, String> e : outcome.steps().entrySet()) {
            lines.add(e.getKey().describe() + ": " + e.getValue());
        }
        status.entries(lines);
        synchronized (this) {
            applied = patch;
            failures = 0;
            lastFailure = null;
        }
        String summary = label(patch) + ": " + lines.size() + " entries";
        log.line((outcome.complete() ? "applied " : "armed ") + summary + (outcome.complete() ? ", all in place"
                : "; new classes wait for their class loader"));
        lines.forEach(l -> log.line("  " + l));
        enter(outcome.complete() ? AgentState.Phase.APPLIED : AgentState.Phase.ARMED, patch, null, "");
    }

    private void rollBack() {
        ApplyPlan plan = patcher.active();
        try {
            patcher.apply(ApplyPlan.EMPTY);
        } catch (ClassPatcher.Failure f) {
            fail(f.reason, "cannot roll back: " + f.getMessage(), null);
            return;
        }
        int classes = plan.steps().size();
        status.entries(List.of());
        synchronized (this) {
            applied = null;
            failures = 0;
        }
        log.line("no patch wanted: the deployed build's code is back in " + classes
                + " patched classes (new classes stay defined, unused)");
        enter(AgentState.Phase.IDLE, null, null, "");
    }

    /** A class-loading thread found the plan in force broken and put the previous one back: finish the undo. */
    private void undoBroken() {
        ApplyPlan plan;
        synchronized (this) {
            plan = broken;
            broken = null;
        }
        if (plan != null) {
            patcher.restore(ApplyPlan.EMPTY, plan);
        }
    }

    @Override
    public void definedLater(ApplyPlan plan, String container, ClassLoader loader) {
        DesiredPatch patch;
        synchronized (this) {
            if (patcher.active() != plan || !plan.pendingContainers().isEmpty()) {
                return;
            }
            patch = applied;
        }
        log.line("applied " + label(patch) + ": new classes of " + ClassPatcher.label(container)
                + " defined in " + loader + "; all entries in place");
        enter(AgentState.Phase.APPLIED, patch, null, "");
    }

    @Override
    public void defineFailed(ApplyPlan plan, String container, Throwable failure) {
        DesiredPatch patch;
        synchronized (this) {
            patch = applied;
            applied = null;
            refused = patch;
            broken = plan;
        }
        patcher.restore(ApplyPlan.EMPTY, ApplyPlan.EMPTY); // stop handing out the plan's bytes at once
        enter(AgentState.Phase.REFUSED, null, AgentReason.DEFINE_FAILED, "new classes of "
                + ClassPatcher.label(container) + " could not be defined: " + failure);
        log.line("refused " + label(patch) + ": new classes of " + ClassPatcher.label(container)
                + " could not be defined (" + failure + "); the deployed build's code is put back");
    }

    private void refuse(DesiredPatch patch, AgentReason reason, String message) {
        synchronized (this) {
            refused = patch;
        }
        enter(AgentState.Phase.REFUSED, patch, reason, message);
        log.line("refused " + label(patch) + " [" + reason + "]: " + message + "; the running code is unchanged"
                + (applied == null ? "" : " (still " + label(applied) + ")"));
    }

    /** A failure that may pass (network, configuration): retried after a growing delay. */
    private void fail(AgentReason reason, String message, DesiredPatch patch) {
        boolean first;
        synchronized (this) {
            failures++;
            first = !message.equals(lastFailure);
            lastFailure = message;
        }
        enter(state.phase() == AgentState.Phase.IDLE || patch == null ? state.phase() : AgentState.Phase.WANTED,
                patch == null ? state.wanted() : patch, reason, message);
        if (first) {
            log.line("[" + reason + "] " + message);
        }
    }

    /** The one place the state changes: a new snapshot, told to every listener. */
    private void enter(AgentState.Phase phase, DesiredPatch wanted, AgentReason reason, String message) {
        AgentState next;
        synchronized (this) {
            next = new AgentState(phase, host, pid, deployed.knownSha256(), wanted, applied, reason, message,
                    Instant.now());
            state = next;
        }
        for (AgentState.Listener l : listeners) {
            try {
                l.onState(next);
            } catch (Throwable t) {
                log.line("a state listener failed: " + t);
            }
        }
    }

    private static String label(DesiredPatch p) {
        return p == null ? "(none)" : p.version() + " (" + p.shortHash() + ")";
    }
}
