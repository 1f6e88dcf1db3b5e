package dev.hotpatch.agent;

import java.util.regex.Pattern;

/**
 * The patch the fleet's configuration wants on this host: a version and the SHA-256 CI handed back.
 * A {@link PatchSource} says which one this host should run.
 */
record DesiredPatch(String version, String hash) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    DesiredPatch {
        if (!SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash '" + hash + "' is not 64 lower-case hex digits");
        }
    }

    String shortHash() {
        return hash.substring(0, 12);
    }
}
