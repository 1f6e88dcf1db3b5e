package dev.hotpatch.agent;

import dev.hotpatch.fleet.Backoff;
import dev.hotpatch.fleet.EtcdClient;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.HostStatus;
import dev.hotpatch.fleet.PatchRef;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes this JVM's state to {@code <prefix>/status/<host>/<pid>} on a lease of {@code ttl},
 * renewed every third of it, so the key disappears by itself when the JVM dies. Writes happen on a
 * daemon thread of its own: {@link #onState} only hands the newest state over and never blocks the
 * agent. When etcd is unreachable it retries with jittered back-off; a lease that expired
 * meanwhile is replaced and the state written again. {@link #close()} revokes the lease.
 */
final class EtcdStatusPublisher implements AgentState.Listener, AutoCloseable {
    private final EtcdClient client;
    private final String key;
    private final HostIdentity identity;
    private final Duration ttl;
    private final Supplier<String> rollout;
    private final Consumer<String> log;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    private final Thread thread;

    /** Guarded by {@code this}. */
    private AgentState latest;
    private boolean closed;

    EtcdStatusPublisher(EtcdClient client, FleetLocation location, HostIdentity identity, Duration ttl,
            Supplier<String> rollout, Consumer<String> log) {
        this.client = client;
        this.key = location.statusKey(HostStatus.keySegment(identity.host()), identity.pid());
        this.identity = identity;
        this.ttl = ttl;
        this.rollout = rollout;
        this.log = log;
        this.thread = new Thread(this::run, "hotpatch-etcd-status");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public synchronized void onState(AgentState state) {
        latest = state;
        notifyAll();
    }

    private void run() {
        long lease = 0;
        AgentState written = null;
        HostStatus stored = null;
        long renewEvery = Math.max(1000, ttl.toMillis() / 3);
        long nextRenewal = 0;
        boolean failing = false;
        while (true) {
            AgentState state;
            synchronized (this) {
                long wait = lease == 0 ? 0 : nextRenewal - System.currentTimeMillis();
                while (!closed && (latest == null || latest == written) && wait > 0) {
                    try {
                        wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                    wait = nextRenewal - System.currentTimeMillis();
                }
                if (closed) {
                    break;
                }
                state = latest;
            }
            try {
                if (lease != 0 && System.currentTimeMillis() >= nextRenewal) {
                    if (client.keepAlive(lease) == 0) {
                        lease = 0; // expired while etcd was away: the key is gone, write it again
                        written = null;
                        stored = null;
                    } else {
                        nextRenewal = System.currentTimeMillis() + renewEvery;
                    }
                }
                if (lease == 0) {
                    lease = client.grantLease(ttl);
                    nextRenewal = System.currentTimeMillis() + renewEvery;
                    written = null;
                    stored = null;
                }
                if (state != null && state != written) {
                    HostStatus next = status(state);
                    // the same state again (a retried download, a re-checked refusal) is not written again:
                    // its time stays the time it began
                    if (stored == null || !sameApartFromTime(next, stored)) {
                        client.put(key, next.toJson(), lease);
                        stored = next;
                    }
                    written = state;
                }
                if (failing) {
                    log.accept("status " + key + " written again");
                    failing = false;
                }
                backoff.reset();
            } catch (IOException e) {
                if (!failing) {
                    log.accept("status " + key + " not written (" + e.getMessage() + "); retrying with back-off");
                    failing = true;
                }
                if (!pause(backoff.next())) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // never let the status take the agent or the application down; try again later
                log.accept("status " + key + " not written: " + e);
                if (!pause(backoff.next())) {
                    break;
                }
            }
        }
        if (lease != 0) {
            try {
                client.revoke(lease);
            } catch (IOException | InterruptedException e) {
                // the lease runs out by itself
            }
        }
    }

    private synchronized boolean pause(Duration wait) {
        long end = System.currentTimeMillis() + wait.toMillis();
        try {
            for (long left = wait.toMillis(); !closed && left > 0; left = end - System.currentTimeMillis()) {
                wait(left);
            }
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    private static boolean sameApartFromTime(HostStatus a, HostStatus b) {
        return a.equals(new HostStatus(b.host(), b.pid(), b.deployedSha256(), b.phase(), b.rollout(), b.wanted(),
                b.applied(), b.reason(), b.message(), a.time()));
    }

    HostStatus status(AgentState s) {
        // the agent learns its build's SHA-256 when it first checks a patch; the store's targeting needed it earlier
        String deployedSha256 = s.deployedSha256().isEmpty() ? identity.deployedSha256().get() : s.deployedSha256();
        return new HostStatus(s.host(), s.pid(), deployedSha256, s.phase().name(), rollout.get(), ref(s.wanted()),
                ref(s.applied()), s.reason() == null ? null : s.reason().name(), s.message(), s.time());
    }

    private static PatchRef ref(DesiredPatch patch) {
        return patch == null ? null : new PatchRef(patch.version(), patch.hash());
    }

    /** Stops writing and revokes the lease, so the key goes now rather than when the lease runs out. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
