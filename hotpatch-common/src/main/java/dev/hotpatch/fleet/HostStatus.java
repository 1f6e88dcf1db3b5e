package dev.hotpatch.fleet;

import dev.hotpatch.format.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one agent (one JVM) reports about itself, stored as JSON under
 * {@code <prefix>/status/<host>/<pid>} on a lease, so that the key goes when the JVM goes.
 *
 * @param host           the host name the agent targets rollouts with
 * @param pid            the JVM's process id
 * @param deployedSha256 SHA-256 of the deployed build the JVM runs ("" while unknown)
 * @param phase          the agent's phase: IDLE, WANTED, DOWNLOADED, VERIFIED, ARMED, APPLIED, REFUSED
 * @param rollout        the id of the rollout the host follows, or null for none
 * @param wanted         the patch the host should run, or null for the deployed build's code
 * @param applied        the patch the host runs, or null for the deployed build's code
 * @param reason         the reason code of the last refusal or failure, or null
 * @param message        that refusal or failure in one line, or ""
 * @param time           when the agent's state last changed
 */
public record HostStatus(String host, long pid, String deployedSha256, String phase, String rollout, PatchRef wanted,
        PatchRef applied, String reason, String message, Instant time) {
    public static final long FORMAT = 1;
    private static final Pattern KEY_SAFE = Pattern.compile("[^A-Za-z0-9._-]");

    /** The host name as a key segment: anything but letters, digits, '.', '_', '-' becomes '_'. */
    public static String keySegment(String host) {
        String safe = KEY_SAFE.matcher(host).replaceAll("_");
        return safe.isEmpty() ? "_" : safe;
    }

    public boolean refused() {
        return "REFUSED".equals(phase);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("host", host);
        json.put("pid", pid);
        json.put("deployedSha256", deployedSha256);
        json.put("phase", phase);
        json.put("rollout", rollout);
        json.put("wanted", ref(wanted));
        json.put("applied", ref(applied));
        json.put("reason", reason);
        json.put("message", message);
        json.put("time", time.toString());
        return Json.write(json);
    }

    private static Map<String, Object> ref(PatchRef patch) {
        if (patch == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", patch.version());
        json.put("hash", patch.hash());
        return json;
    }

    /** @throws FleetException with one line naming the key and the field */
    public static HostStatus parse(String where, String json) {
        JsonFields root = JsonFields.parse("host status " + where, json);
        if (root.integer("format") != FORMAT) {
            throw root.fail("format", "is " + root.integer("format") + "; this version reads format " + FORMAT);
        }
        Instant time;
        try {
            time = Instant.parse(root.string("time"));
        } catch (DateTimeParseException e) {
            throw root.fail("time", "is not an ISO-8601 instant: " + root.string("time"));
        }
        return new HostStatus(root.string("host"), root.integer("pid"), root.text("deployedSha256"),
                root.string("phase"), root.optionalString("rollout"), ref(root, "wanted"), ref(root, "applied"),
                root.optionalString("reason"), root.text("message"), time);
    }

    private static PatchRef ref(JsonFields root, String name) {
        if (!root.has(name)) {
            return null;
        }
        JsonFields patch = root.object(name);
        String version = patch.string("version");
        String hash = patch.string("hash");
        try {
            return new PatchRef(version, hash);
        } catch (FleetException e) {
            throw root.fail(name, e.getMessage());
        }
    }
}
