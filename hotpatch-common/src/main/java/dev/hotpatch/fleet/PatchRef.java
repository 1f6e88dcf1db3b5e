package dev.hotpatch.fleet;

import java.util.regex.Pattern;

/** A patch as a host names it: its version (the repository coordinates' version) and SHA-256. */
public record PatchRef(String version, String hash) {
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PatchRef {
        if (version == null || version.isBlank()) {
            throw new FleetException("a patch version must not be empty");
        }
        if (hash == null || !SHA256.matcher(hash).matches()) {
            throw new FleetException("patch hash '" + hash + "' is not 64 lower-case hex digits");
        }
    }

    /** {@code 1.4.2-3e320e95000f+3e320e95000f}-style label for tables: version and the hash's first twelve digits. */
    public String label() {
        return version + "+" + hash.substring(0, 12);
    }
}
