package dev.hotpatch.fleet;

import java.io.IOException;

/**
 * etcd could not be reached or refused a request. The message is one line naming the endpoint and
 * what etcd said; {@link #code()} is etcd's gRPC status code, or -1 when etcd was not reached.
 */
public final class EtcdException extends IOException {
    /** gRPC status codes etcd answers with. */
    public static final int NOT_FOUND = 5;
    public static final int OUT_OF_RANGE = 11;

    private final int code;

    public EtcdException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
