package org.waymark.api.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one error every endpoint throws for a request it will not answer: the HTTP status, what was wrong and, where
 * it applies, the request field at fault (e.g. {@code context.patientId}). {@link ErrorPolicy} turns it into an
 * OperationOutcome. More than one problem (each failing scenario of a refused activation, each unknown card of a
 * feedback call) is one issue each. Messages never quote record content.
 */
public class ApiException extends RuntimeException {
    /** One problem: what was wrong and, where it applies, the field at fault. */
    public record Issue(String message, Optional<String> field) {
        public Issue {
            Objects.requireNonNull(message, "message");
            field = Objects.requireNonNullElse(field, Optional.empty());
        }
    }

    private final int status;
    private final List<Issue> issues;

    public ApiException(int status, List<Issue> issues) {
        super(issues.isEmpty() ? "" : issues.get(0).message());
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("an error names at least one issue");
        }
        this.status = status;
        this.issues = List.copyOf(issues);
    }

    public ApiException(int status, String message, String field) {
        this(status, List.of(new Issue(message, Optional.ofNullable(field))));
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

    /** The field at fault of the first issue. */
    public Optional<String> field() {
        return issues.get(0).field();
    }

    public List<Issue> issues() {
        return issues;
    }
}
