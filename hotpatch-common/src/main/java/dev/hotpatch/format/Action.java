package dev.hotpatch.format;

/**
 * What a running JVM does with one entry of a patch: the apply plan, decided when the patch is made
 * and carried out by the agent exactly as written. See {@code docs/patch-format.md}.
 */
public enum Action {
    /** A class the deployed build has: redefined where it is loaded, handed to any loader that loads it later. */
    REDEFINE,
    /** A class the deployed build lacks: defined in the class loader that serves its container. */
    DEFINE,
    /** Nothing to do in a running JVM: a removed class stays loaded and the new code no longer uses it. */
    KEEP,
    /** A running JVM cannot take this entry; the patch needs a restart. */
    RESTART
}
