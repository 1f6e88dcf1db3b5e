package dev.hotpatch.agent;

import dev.hotpatch.fleet.Backoff;
import dev.hotpatch.fleet.EtcdClient;
import dev.hotpatch.fleet.EtcdException;
import dev.hotpatch.fleet.EtcdMirror;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.KeyValue;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.fleet.RolloutSet;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rollouts under an etcd prefix, kept current by a watch ({@link EtcdMirror}): a change reaches
 * this host as soon as etcd sends it, and the agent does not poll. The patch for this host is
 * the one of the rollout that targets it, by {@link RolloutSet}'s precedence. When etcd cannot
 * be reached the last rollouts seen stay in force (the running patch is kept) while the mirror
 * reconnects with jittered back-off. This host's state goes back to etcd through an
 * {@link EtcdStatusPublisher} on a lease.
 */
final class EtcdPatchSource implements PatchSource, AgentState.Listener {
    static final Duration STATUS_TTL = Duration.ofSeconds(15);
    static final Duration FIRST_READ_WAIT = Duration.ofSeconds(3);
    private static final Duration RETRY_MIN = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final FleetLocation location;
    private final HostIdentity identity;
    private final Consumer<String> log;
    private final EtcdMirror mirror;
    private final EtcdStatusPublisher publisher;

    /** Guarded by {@code this}. */
    private Map<String, KeyValue> keys;
    private Choice choice;
    private long generation;
    private IOException lastProblem;
    private boolean disconnected;
    private List<String> loggedProblems = List.of();

    /** What the rollouts ask of this host; the rollout is null when none targets it. */
    private record Choice(Optional<DesiredPatch> patch, String rollout) {
    }

    EtcdPatchSource(FleetLocation location, HostIdentity identity, Consumer<String> log) {
        this.location = location;
        this.identity = identity;
        this.log = log;
        EtcdClient client = new EtcdClient(location.endpoints());
        this.publisher = new EtcdStatusPublisher(client, location, identity, STATUS_TTL, this::rolloutId, log);
        this.mirror = new EtcdMirror(client, location.rolloutsPrefix(), new Backoff(RETRY_MIN, RETRY_MAX),
                new EtcdMirror.Listener() {
                    @Override
                    public void onKeys(Map<String, KeyValue> current, long revision) {
                        changed(current);
                    }

                    @Override
                    public void onDisconnected(IOException problem, Duration retryIn) {
                        lost(problem, retryIn);
                    }
                }, "hotpatch-etcd-watch").start();
        publisher.start();
    }

    private synchronized void changed(Map<String, KeyValue> current) {
        if (disconnected) {
            log.accept("etcd " + location + " is back");
            disconnected = false;
        }
        keys = current;
        lastProblem = null;
        Choice next = choose();
        if (!next.equals(choice)) {
            choice = next;
            generation++;
            notifyAll();
        }
    }

    private synchronized void lost(IOException problem, Duration retryIn) {
        lastProblem = problem;
        if (!disconnected) {
            disconnected = true;
            log.accept("etcd " + location + " lost (" + problem.getMessage() + "); keeping the current patch, "
                    + "reconnecting with back-off (next try in " + retryIn.toMillis() + " ms)");
        }
    }

    /** Re-evaluated on every change, as the deployed build's SHA-256 may become known late. */
    private Choice choose() {
        RolloutSet rollouts = RolloutSet.of(location, keys.values());
        if (!rollouts.problems().equals(loggedProblems)) {
            rollouts.problems().forEach(p -> log.accept("ignoring " + p));
            loggedProblems = rollouts.problems();
        }
        Optional<Rollout> rollout = rollouts.forHost(identity.host(), identity.deployedSha256().get());
        return new Choice(rollout.map(r -> r.patch()).map(p -> new DesiredPatch(p.version(), p.hash())),
                rollout.map(Rollout::id).orElse(null));
    }

    @Override
    public synchronized Optional<DesiredPatch> read() throws IOException, InterruptedException {
        long end = System.nanoTime() + FIRST_READ_WAIT.toNanos();
        while (keys == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new EtcdException("etcd " + location + " has not been read yet"
                        + (lastProblem == null ? "" : ": " + lastProblem.getMessage()), -1, lastProblem);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        choice = choose();
        return choice.patch();
    }

    /** Returns as soon as the patch for this host changes (a watch event), or after {@code max}. */
    @Override
    public synchronized void awaitChange(Duration max) throws InterruptedException {
        long seen = generation;
        long end = System.nanoTime() + max.toNanos();
        while (generation == seen) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private synchronized String rolloutId() {
        return choice == null ? null : choice.rollout();
    }

    @Override
    public void onState(AgentState state) {
        publisher.onState(state);
    }

    @Override
    public String describe() {
        return location.toString();
    }

    @Override
    public void close() {
        mirror.close();
        publisher.close();
    }
}
