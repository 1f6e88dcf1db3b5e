package dev.hotpatch.agent;

import java.time.Instant;

/**
 * What the agent is doing, as one immutable snapshot: what JMX shows and what a fleet store is told.
 *
 * @param phase          where the wanted patch is: IDLE (none wanted, none applied), WANTED, DOWNLOADED,
 *                       VERIFIED, APPLIED, ARMED (applied; new classes wait for their class loader), REFUSED
 * @param host           this host's name
 * @param pid            this JVM's process id
 * @param deployedSha256 SHA-256 of the deployed build this JVM runs ("" until known)
 * @param wanted         the patch the source asks for, or null for none
 * @param applied        the patch in place, or null for none
 * @param reason         the reason code of the last refusal or failure, or null
 * @param message        the last refusal or failure in one line, or ""
 * @param time           when this snapshot was taken
 */
record AgentState(Phase phase, String host, long pid, String deployedSha256, DesiredPatch wanted,
        DesiredPatch applied, AgentReason reason, String message, Instant time) {

    /** The steps of one patch through the agent. */
    enum Phase { IDLE, WANTED, DOWNLOADED, VERIFIED, ARMED, APPLIED, REFUSED }

    /** Told every state change, on the agent's thread; must return quickly and never throw. */
    interface Listener {
        void onState(AgentState state);
    }
}
