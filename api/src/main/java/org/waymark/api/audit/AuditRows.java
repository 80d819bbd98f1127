package org.waymark.api.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.waymark.api.http.Json;

/** The SQL of the audit trail: an entry's rows (the call and the cards it issued) and a dead letter. */
final class AuditRows {
    /** One call's audit row and the cards it issued, written together or not at all. */
    record Entry(AuditEvent event, List<AuditTrail.IssuedCard> cards) {
        Entry {
            cards = List.copyOf(cards);
        }
    }

    private static final int DEAD_LETTER_FIELD_MAX = 4000;

    private AuditRows() {
    }

    /** Inserts the entries on {@code c} (the caller commits). */
    static void insert(Connection c, List<Entry> entries) throws SQLException {
        try (PreparedStatement events = c.prepareStatement("INSERT INTO audit_event (occurred_at, hook_instance, service, hook, client, "
                + "patient_key, rule_set_versions, rule_ids, card_uuids, codes, latency_ms, outcome, status, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement cards = c.prepareStatement("INSERT INTO card_issued (card_uuid, service, hook_instance, code, rule_set, "
                     + "rule_set_version, issued_at, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean anyCard = false;
            for (Entry entry : entries) {
                AuditEvent e = entry.event();
                events.setTimestamp(1, Timestamp.from(e.at()));
                events.setString(2, clip(e.hookInstance(), 200));
                events.setString(3, clip(e.service(), 100));
                events.setString(4, clip(e.hook(), 100));
                events.setString(5, clip(e.client(), 300));
                events.setString(6, e.patientKey().orElse(null));
                events.setString(7, join(e.ruleSetVersions(), 1000));
                events.setString(8, join(e.ruleIds(), 4000));
                events.setString(9, join(e.cardUuids(), 4000));
                events.setString(10, join(e.codes(), 4000));
                events.setLong(11, e.latencyMillis());
                events.setString(12, e.outcome());
                events.setInt(13, e.status());
                events.setString(14, clip(e.detail(), 500));
                events.addBatch();
                for (AuditTrail.IssuedCard card : entry.cards()) {
                    cards.setString(1, card.uuid());
                    cards.setString(2, card.service());
                    cards.setString(3, clip(Optional.of(card.hookInstance()), 200));
                    cards.setString(4, card.code());
                    cards.setString(5, card.ruleSet());
                    cards.setString(6, card.ruleSetVersion());
                    cards.setTimestamp(7, Timestamp.from(e.at()));
                    cards.setString(8, card.client());
                    cards.addBatch();
                    anyCard = true;
                }
            }
            events.executeBatch();
            if (anyCard) {
                cards.executeBatch();
            }
        }
    }

    /** Keeps an entry the store refused, with why (SQL state and exception type only: messages can quote values). */
    static void deadLetter(Connection c, Entry entry, Exception cause, Instant at) throws SQLException {
        String reason = (cause instanceof SQLException sql && sql.getSQLState() != null ? "SQLState " + sql.getSQLState() + " " : "")
                + cause.getClass().getSimpleName();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_dead_letter (failed_at, reason, entry) VALUES (?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, reason.length() > 200 ? reason.substring(0, 200) : reason);
            ps.setString(3, describe(entry).toString());
            ps.executeUpdate();
        }
    }

    /** The entry as JSON, every value safe for any store: NUL replaced, each value cut to a bound. */
    private static ObjectNode describe(Entry entry) {
        AuditEvent e = entry.event();
        ObjectNode node = Json.object();
        node.put("at", e.at().toString());
        e.hookInstance().ifPresent(v -> node.put("hookInstance", safe(v)));
        e.service().ifPresent(v -> node.put("service", safe(v)));
        e.hook().ifPresent(v -> node.put("hook", safe(v)));
        e.client().ifPresent(v -> node.put("client", safe(v)));
        e.patientKey().ifPresent(v -> node.put("patientKey", safe(v)));
        node.put("ruleSetVersions", safe(String.join(" ", e.ruleSetVersions())));
        node.put("ruleIds", safe(String.join(" ", e.ruleIds())));
        node.put("cardUuids", safe(String.join(" ", e.cardUuids())));
        node.put("codes", safe(String.join(" ", e.codes())));
        node.put("latencyMillis", e.latencyMillis());
        node.put("outcome", safe(e.outcome()));
        node.put("status", e.status());
        e.detail().ifPresent(v -> node.put("detail", safe(v)));
        node.put("cardsIssued", entry.cards().size());
        return node;
    }

    private static String safe(String v) {
        String s = v.replace('\u0000', '\uFFFD');
        return s.length() > DEAD_LETTER_FIELD_MAX ? s.substring(0, DEAD_LETTER_FIELD_MAX) : s;
    }

    private static String clip(Optional<String> s, int max) {
        return s.map(v -> v.length() > max ? v.substring(0, max) : v).orElse(null);
    }

    private static String join(List<String> values, int max) {
        String s = String.join(" ", values);
        return s.length() > max ? s.substring(0, max) : s;
    }
}
