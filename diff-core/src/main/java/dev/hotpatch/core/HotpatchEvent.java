package dev.hotpatch.core;

/** A message the core reports while it works; the CLI prints it, the mojo logs it, tests collect it. */
public record HotpatchEvent(Level level, String message) {
    /** PROGRESS: how far a long run has got; the mojo logs it as info, the CLI prints it on stderr. */
    public enum Level { DEBUG, INFO, WARN, PROGRESS }

    public static HotpatchEvent info(String message) {
        return new HotpatchEvent(Level.INFO, message);
    }

    public static HotpatchEvent warn(String message) {
        return new HotpatchEvent(Level.WARN, message);
    }

    public static HotpatchEvent progress(String message) {
        return new HotpatchEvent(Level.PROGRESS, message);
    }

    public static HotpatchEvent debug(String message) {
        return new HotpatchEvent(Level.DEBUG, message);
    }
}
