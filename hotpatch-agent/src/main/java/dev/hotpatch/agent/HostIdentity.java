package dev.hotpatch.agent;

import java.net.InetAddress;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who this JVM is to a fleet: the host name rollouts target, the process id, and the SHA-256 of
 * the deployed build it runs (computed when first asked; "" while it cannot be computed).
 *
 * @param host           the {@code host=} agent setting, else {@code $HOSTNAME}, else the local host name
 * @param pid            this process's id
 * @param deployedSha256 SHA-256 of the deployed artifact, "" when it cannot be read
 */
record HostIdentity(String host, long pid, Supplier<String> deployedSha256) {

    /** This JVM, with the configured host name or null for the machine's own. */
    static HostIdentity current(String configuredHost, Supplier<String> deployedSha256) {
        return new HostIdentity(hostName(configuredHost, System.getenv()), ProcessHandle.current().pid(),
                deployedSha256);
    }

    static String hostName(String configured, Map<String, String> environment) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String fromEnvironment = environment.get("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
