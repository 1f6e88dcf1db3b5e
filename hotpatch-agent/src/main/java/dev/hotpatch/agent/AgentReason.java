package dev.hotpatch.agent;

/**
 * Why the agent refused a patch or failed a step. Documented in {@code docs/reasons.md}
 * ("Agent reasons"), each with what to do.
 */
enum AgentReason {
    /** The configuration (file, URL, store) could not be read or is malformed. */
    CONFIG_UNREADABLE,
    /** The patch could not be downloaded from the repository. */
    DOWNLOAD_FAILED,
    /** The downloaded archive does not hash to the wanted SHA-256. */
    HASH_MISMATCH,
    /** The archive is not a valid patch (manifest, content hashes, plan). */
    INVALID_PATCH,
    /** The patch was made for another deployed build. */
    WRONG_BASELINE,
    /** The patch's verdict or plan says it needs a restart. */
    RESTART_REQUIRED,
    /** The JVM refused to redefine a class (e.g. a schema change, an unsupported class version). */
    REDEFINITION_FAILED,
    /** A new class could not be defined in its class loader. */
    DEFINE_FAILED,
    /** A stacked patch changes the shape of a class that an earlier patch added. */
    STACKED_SHAPE_CHANGE,
    /** Anything else the agent did not expect; the agent goes on. */
    INTERNAL_ERROR
}
