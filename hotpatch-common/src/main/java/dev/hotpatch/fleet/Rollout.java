package dev.hotpatch.fleet;

import dev.hotpatch.format.Json;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One rollout: which patch the hosts running one deployed build should run, and which of those
 * hosts. Stored as JSON under {@code <prefix>/rollouts/<id>} (format in {@code docs/fleet.md}).
 *
 * @param id             the key's last segment: letters, digits, '.', '_', '-'
 * @param coordinates    where the patch is in the repository, or null: the hosts run the deployed build's code
 * @param hash           the patch archive's SHA-256, or null with {@code coordinates}
 * @param baselineSha256 the SHA-256 of the deployed build the patch was made for; only hosts running it are targeted
 * @param target         which of those hosts
 * @param updated        when the rollout was last written (by the writer's clock), or null when not known
 * @param note           free text for operators, or null
 */
public record Rollout(String id, PatchCoordinates coordinates, String hash, String baselineSha256, Target target,
        Instant updated, String note) {
    public static final long FORMAT = 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public Rollout {
        if (id == null || !ID.matcher(id).matches()) {
            throw new FleetException("rollout id '" + id + "' must be 1 to 200 letters, digits, '.', '_' or '-'");
        }
        if ((coordinates == null) != (hash == null)) {
            throw new FleetException("rollout " + id + ": a patch needs both coordinates and hash, a removal neither");
        }
        if (hash != null) {
            new PatchRef(coordinates.version(), hash);
        }
        if (baselineSha256 == null || !PatchRef.SHA256.matcher(baselineSha256).matches()) {
            throw new FleetException("rollout " + id + ": baselineSha256 '" + baselineSha256
                    + "' is not 64 lower-case hex digits");
        }
        if (target == null) {
            throw new FleetException("rollout " + id + ": no target");
        }
    }

    /** Which hosts running the baseline take the rollout: all of them, some by name, or a stable share. */
    public record Target(Kind kind, List<String> hosts, int percent) {
        public enum Kind { ALL, HOSTS, PERCENT }

        public Target {
            hosts = List.copyOf(hosts);
            if (kind == Kind.HOSTS && hosts.isEmpty()) {
                throw new FleetException("a host target names no host");
            }
            if (kind == Kind.PERCENT && (percent < 0 || percent > 100)) {
                throw new FleetException("a percentage target must be 0 to 100, not " + percent);
            }
        }

        public static Target all() {
            return new Target(Kind.ALL, List.of(), 100);
        }

        public static Target hosts(List<String> namesOrGlobs) {
            return new Target(Kind.HOSTS, namesOrGlobs, 0);
        }

        public static Target percent(int percent) {
            return new Target(Kind.PERCENT, List.of(), percent);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case ALL -> "all";
                case HOSTS -> "hosts " + String.join(",", hosts);
                case PERCENT -> percent + "%";
            };
        }
    }

    /** The patch a targeted host should run, or null for the deployed build's code. */
    public PatchRef patch() {
        return hash == null ? null : new PatchRef(coordinates.version(), hash);
    }

    /** Whether this rollout is for a host running this deployed build and its target takes the host. */
    public boolean targets(String host, String deployedSha256) {
        return baselineSha256.equals(deployedSha256) && selects(host);
    }

    /** Whether the target takes this host name (the baseline aside). */
    public boolean selects(String host) {
        return switch (target.kind()) {
            case ALL -> true;
            case HOSTS -> target.hosts().stream().anyMatch(glob -> globMatches(glob, host));
            case PERCENT -> bucket(id, host) < target.percent();
        };
    }

    /**
     * The host's place in 0..99 for this rollout: the first eight bytes of SHA-256(id, newline, host),
     * unsigned, modulo 100. It depends only on the two names, so raising a rollout's percentage only
     * adds hosts, and different rollouts pick different hosts first.
     */
    public static int bucket(String rolloutId, String host) {
        byte[] digest = Sha256.newDigest().digest((rolloutId + "\n" + host.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), 100);
    }

    /** {@code *} any run of characters, {@code ?} one character, everything else itself; case does not matter. */
    static boolean globMatches(String glob, String host) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(host).matches();
    }

    /** The rollout as stored. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        if (coordinates == null) {
            json.put("patch", null);
        } else {
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("groupId", coordinates.groupId());
            patch.put("artifactId", coordinates.artifactId());
            patch.put("version", coordinates.version());
            patch.put("hash", hash);
            json.put("patch", patch);
        }
        json.put("baselineSha256", baselineSha256);
        json.put("target", switch (target.kind()) {
            case ALL -> Map.of("all", true);
            case HOSTS -> Map.of("hosts", target.hosts());
            case PERCENT -> Map.of("percent", (long) target.percent());
        });
        if (updated != null) {
            json.put("updated", updated.toString());
        }
        if (note != null) {
            json.put("note", note);
        }
        return Json.write(json);
    }

    /**
     * Reads and validates a stored rollout.
     *
     * @param where the key it was read from, for messages
     * @throws FleetException with one line naming the key and the field
     */
    public static Rollout parse(String where, String id, String json) {
        JsonFields root = JsonFields.parse("rollout " + where, json)
                .only("format", "patch", "baselineSha256", "target", "updated", "note");
        if (root.integer("format") != FORMAT) {
            throw root.fail("format", "is " + root.integer("format") + "; this version reads format " + FORMAT);
        }
        if (!root.names().contains("patch")) {
            throw root.fail("patch", "is missing (null rolls the targeted hosts back to the deployed build)");
        }
        PatchCoordinates coordinates = null;
        String hash = null;
        if (root.has("patch")) {
            JsonFields patch = root.object("patch").only("groupId", "artifactId", "version", "hash");
            coordinates = new PatchCoordinates(patch.string("groupId"), patch.string("artifactId"),
                    patch.string("version"));
            hash = sha256(patch, "hash");
        }
        String baseline = sha256(root, "baselineSha256");
        JsonFields target = root.object("target").only("all", "hosts", "percent");
        if (target.names().size() != 1) {
            throw root.fail("target", "must have exactly one of all, hosts, percent");
        }
        Target t;
        if (target.has("hosts")) {
            t = Target.hosts(target.strings("hosts"));
        } else if (target.has("percent")) {
            long percent = target.integer("percent");
            if (percent < 0 || percent > 100) {
                throw target.fail("percent", "must be 0 to 100, not " + percent);
            }
            t = Target.percent((int) percent);
        } else {
            if (!target.bool("all")) {
                throw target.fail("all", "must be true (write another target to take fewer hosts)");
            }
            t = Target.all();
        }
        Instant updated = null;
        String text = root.optionalString("updated");
        if (text != null) {
            try {
                updated = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw root.fail("updated", "is not an ISO-8601 instant such as 2026-01-31T12:00:00Z: " + text);
            }
        }
        try {
            return new Rollout(id, coordinates, hash, baseline, t, updated, root.optionalString("note"));
        } catch (FleetException e) {
            throw new FleetException("rollout " + where + ": " + e.getMessage());
        }
    }

    private static String sha256(JsonFields fields, String name) {
        String value = fields.string(name);
        if (!PatchRef.SHA256.matcher(value).matches()) {
            throw fields.fail(name, "'" + value + "' is not 64 lower-case hex digits");
        }
        return value;
    }
}
