package dev.hotpatch.maven;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * What kind of failure a Maven Resolver transfer exception is. Resolver's transports report the
 * HTTP status only inside messages ("status code: 401" for the native transport, "Return code is:
 * 401" for Wagon), so the chain of causes and messages is read.
 */
enum TransferFailure {
    /** The artifact is not in the repository. */
    NOT_FOUND,
    /** 401 or 403: credentials are missing or wrong; retrying cannot help. */
    UNAUTHORIZED,
    /** 5xx, 408, 429, a timeout or a refused connection: worth retrying. */
    TRANSIENT,
    /** Anything else. */
    PERMANENT;

    private static final Pattern STATUS = Pattern.compile("(?:status code:|Return code is:|status:)\\s*(\\d{3})");

    static TransferFailure of(Throwable failure) {
        boolean notFound = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException) {
                return TRANSIENT;
            }
            if (t instanceof UnknownHostException) {
                return PERMANENT;
            }
            int status = status(t.getMessage());
            if (status == 401 || status == 403) {
                return UNAUTHORIZED;
            }
            if (status >= 500 || status == 408 || status == 429) {
                return TRANSIENT;
            }
            notFound |= t instanceof ArtifactNotFoundException || status == 404;
        }
        return notFound ? NOT_FOUND : PERMANENT;
    }

    private static int status(String message) {
        if (message == null) {
            return -1;
        }
        Matcher m = STATUS.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
