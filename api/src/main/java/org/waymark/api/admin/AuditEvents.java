package org.waymark.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.waymark.api.audit.AuditEvent;

/** {@code GET /admin/audit}: the events found, newest first ({@code reason} is the event's detail, {@code cards} its card uuids). */
record AuditEvents(@JsonInclude(JsonInclude.Include.ALWAYS) List<Event> events) {
    record Event(Instant at, String hookInstance, String service, String hook, String client, String patientKey, String outcome,
                 int status, long latencyMs, String reason, List<String> ruleSetVersions, List<String> ruleIds, List<String> codes,
                 List<String> cards) {
        static Event of(AuditEvent e) {
            return new Event(e.at(), e.hookInstance().orElse(null), e.service().orElse(null), e.hook().orElse(null),
                    e.client().orElse(null), e.patientKey().orElse(null), e.outcome(), e.status(), e.latencyMillis(),
                    e.detail().orElse(null), e.ruleSetVersions(), e.ruleIds(), e.codes(), e.cardUuids());
        }
    }

    AuditEvents {
        events = List.copyOf(events);
    }
}
