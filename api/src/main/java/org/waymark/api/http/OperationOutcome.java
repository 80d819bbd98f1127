package org.waymark.api.http;

import java.util.List;

/** The one error body of every endpoint: a FHIR OperationOutcome, naming the request field at fault in {@code expression}. */
public record OperationOutcome(String resourceType, List<OutcomeIssue> issue) {
    /** One issue; {@code expression} is empty when no single field is at fault. */
    public record OutcomeIssue(String severity, String code, String diagnostics, List<String> expression) {
        public OutcomeIssue {
            expression = List.copyOf(expression);
        }
    }

    public OperationOutcome {
        issue = List.copyOf(issue);
    }

    /** The body for {@code e}: one issue per problem it names. */
    public static OperationOutcome of(ApiException e) {
        String severity = e.status() >= 500 ? "fatal" : "error";
        return new OperationOutcome("OperationOutcome", e.issues().stream()
                .map(i -> new OutcomeIssue(severity, code(e.status()), i.message(), i.field().stream().toList())).toList());
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401, 403 -> "security";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 412 -> "incomplete";
            case 413 -> "too-costly";
            case 503 -> "timeout";
            default -> "exception";
        };
    }
}
