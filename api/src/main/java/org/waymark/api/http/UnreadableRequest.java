package org.waymark.api.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;

/**
 * Jetty's verdict on a request it could not read (bad chunk size, body cut short, header too large), found in
 * an exception's causes, or a body that stopped coming or broke off: that is the client's fault and gets a 4xx
 * status, not a 500.
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

    /**
     * The refusal of a request body whose reading failed with {@code e}: Jetty's verdict when it gave one, else a body
     * that stopped coming (the idle timeout, 408) or broke off (400). The client's fault either way, never a 5xx.
     */
    static ApiException ofBody(IOException e) {
        return of(e).orElseGet(() -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                    return new ApiException(408, "the request could not be read: the body did not arrive in time", "$");
                }
            }
            return new ApiException(400, "the request could not be read: the body broke off", "$");
        });
    }
}
