package dev.hotpatch.core;

import java.util.Objects;

/**
 * The one exception the core throws. It carries a {@link ReasonCode} and, where the problem lies
 * inside an artifact, the location with {@code !/} between nesting levels
 * (e.g. {@code app.jar!/BOOT-INF/lib/a.jar!/com/acme/A.class}).
 */
public final class HotpatchException extends RuntimeException {
    private final ReasonCode reason;
    private final String location;

    public HotpatchException(ReasonCode reason, String location, String message) {
        this(reason, location, message, null);
    }

    public HotpatchException(ReasonCode reason, String location, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.location = location;
    }

    public ReasonCode reason() {
        return reason;
    }

    /** Where the problem is, or {@code null} when it concerns no particular file. */
    public String location() {
        return location;
    }

    /** The sentence that explains the failure, without the reason code and the location. */
    public String detail() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        String where = location == null ? "" : " [" + location + "]";
        return reason + ": " + super.getMessage() + where;
    }
}
