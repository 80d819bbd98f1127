package org.waymark.api.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Error bodies as FHIR OperationOutcome JSON, naming the request field at fault in {@code expression}. */
public final class OperationOutcomes {
    private OperationOutcomes() {
    }

    public static ObjectNode of(int status, String message, Optional<String> field) {
        ObjectNode issue = Json.object();
        issue.put("severity", status >= 500 ? "fatal" : "error");
        issue.put("code", code(status));
        issue.put("diagnostics", message);
        field.ifPresent(f -> issue.set("expression", Json.array().add(f)));
        ObjectNode outcome = Json.object();
        outcome.put("resourceType", "OperationOutcome");
        outcome.set("issue", Json.array().add(issue));
        return outcome;
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401, 403 -> "security";
            case 404 -> "not-found";
            case 412 -> "incomplete";
            case 413 -> "too-costly";
            case 503 -> "timeout";
            default -> "exception";
        };
    }
}
