package dev.hotpatch.fleet;

/** A fleet location, rollout or host state that is malformed; the message is one line naming it. */
public final class FleetException extends RuntimeException {
    public FleetException(String message) {
        super(message);
    }
}
