package org.waymark.api.http;

import java.util.Optional;
import org.eclipse.jetty.http.HttpException;

/**
 * Jetty's verdict on a request it could not read (bad chunk size, body cut short, header too large), found in
 * an exception's causes: that is the client's fault and gets Jetty's 4xx status, not a 500.
 */
final class UnreadableRequest {
    private static final int MAX_DEPTH = 10;

    private UnreadableRequest() {
    }

    /** The client-error status and Jetty's reason, when {@code e} comes from reading a malformed request. */
    static Optional<ApiException> of(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                String reason = http.getReason() == null ? "malformed request" : http.getReason();
                return Optional.of(new ApiException(http.getCode(), "the request could not be read: " + reason, "$"));
            }
        }
        return Optional.empty();
    }
}
