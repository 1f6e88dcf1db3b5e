package dev.hotpatch.agent;

/** What JMX shows as {@code dev.hotpatch:type=Agent}. */
public interface AgentStatusMBean {
    /** The SHA-256 of the applied patch, or empty when none is applied. */
    String getAppliedHash();

    /** {@code <version>+<hash12>} of the applied patch, or empty. */
    String getAppliedVersion();

    /** The last refusal or failure, or empty. */
    String getLastError();
}
