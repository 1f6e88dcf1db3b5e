package dev.hotpatch.fleet;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live copy of every key under a prefix: one range read, then a watch from the revision after
 * it, on a daemon thread of its own. When the stream breaks (etcd stopped, network gone) it waits
 * ({@link Backoff}, jittered) and watches again from the last revision it saw, so no change is
 * missed and nothing is read twice; only when etcd has compacted that revision away does it read
 * the whole prefix again. The listener is told every new state of the copy, on the mirror's thread.
 */
public final class EtcdMirror implements AutoCloseable {
    /** Told on the mirror's thread; must return quickly. */
    public interface Listener {
        /** The keys under the prefix now (sorted, unmodifiable) and the revision they are current at. */
        void onKeys(Map<String, KeyValue> keys, long revision);

        /** etcd could not be read or watched; the mirror tries again after {@code retryIn}. */
        void onDisconnected(IOException problem, Duration retryIn);
    }

    private final EtcdClient client;
    private final String prefix;
    private final Backoff backoff;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile EtcdClient.Watch watch;

    public EtcdMirror(EtcdClient client, String prefix, Backoff backoff, Listener listener, String threadName) {
        this.client = client;
        this.prefix = prefix;
        this.backoff = backoff;
        this.listener = listener;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public EtcdMirror start() {
        thread.start();
        return this;
    }

    private void run() {
        TreeMap<String, KeyValue> keys = null;
        long revision = 0;
        while (!closed) {
            try {
                if (keys == null) {
                    EtcdClient.Range range = client.rangePrefix(prefix);
                    keys = new TreeMap<>();
                    for (KeyValue kv : range.kvs()) {
                        keys.put(kv.key(), kv);
                    }
                    revision = range.revision();
                    listener.onKeys(Collections.unmodifiableSortedMap(new TreeMap<>(keys)), revision);
                }
                try (EtcdClient.Watch w = client.watch(prefix, revision + 1)) {
                    watch = w;
                    if (closed) {
                        return;
                    }
                    while (!closed) {
                        EtcdClient.WatchResponse response = w.next();
                        if (response.canceled()) {
                            if (response.compactRevision() > 0) {
                                keys = null; // what we missed is compacted away: read everything again
                                break;
                            }
                            throw new EtcdException("etcd canceled the watch of " + prefix, -1, null);
                        }
                        if (response.created()) {
                            backoff.reset();
                        }
                        if (response.events().isEmpty()) {
                            continue;
                        }
                        for (EtcdClient.Event event : response.events()) {
                            if (event.deleted()) {
                                keys.remove(event.kv().key());
                            } else {
                                keys.put(event.kv().key(), event.kv());
                            }
                            revision = Math.max(revision, event.kv().modRevision());
                        }
                        listener.onKeys(Collections.unmodifiableSortedMap(new TreeMap<>(keys)), revision);
                    }
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                Duration wait = backoff.next();
                listener.onDisconnected(e, wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        EtcdClient.Watch w = watch;
        if (w != null) {
            w.close();
        }
        thread.interrupt();
    }
}
