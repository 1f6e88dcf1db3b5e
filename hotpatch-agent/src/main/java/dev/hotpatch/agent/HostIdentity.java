package dev.hotpatch.agent;

import java.util.function.Supplier;

/**
 * Who this JVM is to a fleet: the host name rollouts target (the {@code host=} setting, else
 * {@link HostName}), the process id, and the SHA-256 of the deployed build it runs ("" when it
 * cannot be read), computed when first asked.
 */
record HostIdentity(String host, long pid, Supplier<String> deployedSha256) {
}
