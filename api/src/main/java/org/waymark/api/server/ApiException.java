package org.waymark.api.server;

import java.util.Optional;

/**
 * A request Waymark will not answer, with the HTTP status, what was wrong and, where it applies, the
 * request field at fault (e.g. {@code context.patientId}). Messages never quote record content.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public static ApiException badRequest(String message, String field) {
        return new ApiException(400, message, field);
    }

    public int status() {
        return status;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
