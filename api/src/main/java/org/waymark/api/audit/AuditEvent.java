package org.waymark.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One CDS Hooks call as the audit trail keeps it. {@code patientKey} is a keyed hash, never an identifier;
 * {@code detail} is Waymark's own wording of what went wrong, never request content.
 */
public record AuditEvent(Instant at, Optional<String> hookInstance, Optional<String> service, Optional<String> hook,
                         Optional<String> client, Optional<String> patientKey, List<String> ruleSetVersions, List<String> ruleIds,
                         List<String> cardUuids, List<String> codes, long latencyMillis, String outcome, int status, Optional<String> detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        ruleSetVersions = List.copyOf(ruleSetVersions);
        ruleIds = List.copyOf(ruleIds);
        cardUuids = List.copyOf(cardUuids);
        codes = List.copyOf(codes);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** ok, 4xx, 412 or error, from the HTTP status. */
    public static String outcomeOf(int status) {
        return status < 400 ? "ok" : status == 412 ? "412" : status < 500 ? "4xx" : "error";
    }
}
