package dev.hotpatch.agent;

/** What JMX shows as {@code dev.hotpatch:type=Agent}. */
public interface AgentStatusMBean {
    /** IDLE, WANTED, DOWNLOADED, VERIFIED, ARMED, APPLIED or REFUSED. */
    String getPhase();

    /** The SHA-256 of the applied patch, or empty when none is applied. */
    String getAppliedHash();

    /** {@code <version>+<hash12>} of the applied patch, or empty. */
    String getAppliedVersion();

    /** {@code <version>+<hash12>} of the patch the configuration asks for, or empty. */
    String getWantedVersion();

    /** The SHA-256 of the deployed build this JVM runs, or empty until it is known. */
    String getDeployedSha256();

    /** The reason code of the last refusal or failure, or empty. */
    String getLastReason();

    /** The last refusal or failure, or empty. */
    String getLastError();

    /** One line per entry of the applied patch: its step and what the agent did with it. */
    String[] getEntries();
}
