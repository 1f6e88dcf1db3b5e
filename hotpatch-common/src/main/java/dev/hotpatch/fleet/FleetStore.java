package dev.hotpatch.fleet;

import dev.hotpatch.format.PatchCoordinates;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's side of a fleet in etcd: write and delete rollouts, read the status table.
 * The agents' side is the agent's etcd source and status publisher; both use {@link FleetLocation}'s key layout.
 */
public final class FleetStore {
    private final FleetLocation location;
    private final EtcdClient client;

    public FleetStore(FleetLocation location) {
        this(location, new EtcdClient(location.endpoints()));
    }

    public FleetStore(FleetLocation location, EtcdClient client) {
        this.location = location;
        this.client = client;
    }

    public FleetLocation location() {
        return location;
    }

    public RolloutSet rollouts() throws IOException, InterruptedException {
        return RolloutSet.of(location, client.rangePrefix(location.rolloutsPrefix()).kvs());
    }

    /** Writes (or rewrites) a rollout; returns the store revision of the write. */
    public long put(Rollout rollout) throws IOException, InterruptedException {
        // what is written must read back as the same rollout
        Rollout.parse(location.rolloutKey(rollout.id()), rollout.id(), rollout.toJson());
        return client.put(location.rolloutKey(rollout.id()), rollout.toJson());
    }

    /**
     * Rolls a published patch out: checks that the repository serves it with this hash and that it
     * can be hot-swapped ({@link PublishedPatch}), then writes the rollout for the deployed build the
     * patch names. Nothing is written when the check fails.
     *
     * @param id            the rollout's id, or null for {@code <artifactId>-<version>} of the patch
     * @param authorization an {@code Authorization} header for the repository, or null
     */
    public Rollout rollOut(URI repository, String authorization, PatchCoordinates coordinates, String hash,
            Rollout.Target target, String id, String note, Instant now) throws IOException, InterruptedException {
        PublishedPatch published = PublishedPatch.fetch(repository, coordinates, hash, authorization);
        Rollout rollout = new Rollout(id == null || id.isBlank() ? coordinates.artifactId() + "-" + coordinates.version()
                : id, coordinates, hash, published.baselineSha256(), target, now, note);
        put(rollout);
        return rollout;
    }

    /** Deletes a rollout: its hosts go back to the rollout before it, or to the deployed build. */
    public boolean delete(String id) throws IOException, InterruptedException {
        return client.delete(location.rolloutKey(id)) > 0;
    }

    /** Every host status under the prefix; unreadable ones become problem lines. */
    public StatusTable status(Instant now, Duration staleAfter) throws IOException, InterruptedException {
        RolloutSet rollouts = rollouts();
        List<HostStatus> hosts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KeyValue kv : client.rangePrefix(location.statusPrefix()).kvs()) {
            try {
                hosts.add(HostStatus.parse(kv.key(), kv.value()));
            } catch (FleetException e) {
                problems.add(e.getMessage());
            }
        }
        return StatusTable.of(location.toString(), rollouts, hosts, problems, now, staleAfter);
    }
}
