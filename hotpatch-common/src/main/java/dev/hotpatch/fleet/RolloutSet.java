package dev.hotpatch.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every rollout under one prefix, newest first, and the keys that did not hold a valid rollout.
 * <p>
 * <b>Precedence:</b> a host takes the rollout that targets it (its deployed build's SHA-256 equals
 * the rollout's {@code baselineSha256} and the target selects the host) and was <em>created</em>
 * last, by etcd's create revision. Rewriting a rollout (a larger percentage, more hosts) keeps its
 * place; deleting the newer one hands its hosts back to the one before it; a host no rollout
 * targets runs the deployed build's code.
 */
public final class RolloutSet {
    /** A rollout and the store revision at which its key was created. */
    public record Entry(Rollout rollout, long createRevision) {
    }

    private final List<Entry> entries;
    private final List<String> problems;

    public RolloutSet(Collection<Entry> entries, List<String> problems) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::createRevision).reversed()
                .thenComparing(e -> e.rollout().id()));
        this.entries = List.copyOf(sorted);
        this.problems = List.copyOf(problems);
    }

    /** Reads the keys under {@code <prefix>/rollouts/}; a key that is not a valid rollout becomes a problem line. */
    public static RolloutSet of(FleetLocation location, Collection<KeyValue> keys) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KeyValue kv : keys) {
            if (!kv.key().startsWith(location.rolloutsPrefix())) {
                continue;
            }
            String id = kv.key().substring(location.rolloutsPrefix().length());
            try {
                entries.add(new Entry(Rollout.parse(kv.key(), id, kv.value()), kv.createRevision()));
            } catch (FleetException e) {
                problems.add(e.getMessage());
            }
        }
        return new RolloutSet(entries, problems);
    }

    /** The valid rollouts, newest first. */
    public List<Entry> entries() {
        return entries;
    }

    /** One line per key under the rollouts prefix that is not a valid rollout; hosts ignore such keys. */
    public List<String> problems() {
        return problems;
    }

    /** The rollout this host follows, by the precedence above; empty: the deployed build's code. */
    public Optional<Rollout> forHost(String host, String deployedSha256) {
        return entries.stream().map(Entry::rollout).filter(r -> r.targets(host, deployedSha256)).findFirst();
    }

    public Optional<Rollout> byId(String id) {
        return entries.stream().map(Entry::rollout).filter(r -> r.id().equals(id)).findFirst();
    }
}
