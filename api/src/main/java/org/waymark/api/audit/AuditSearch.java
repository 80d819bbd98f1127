package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.waymark.api.store.Database;

/**
 * Reads audit events from the store, newest first. It reads committed rows on its own connection, so it runs
 * beside the server's writer without stopping it.
 */
public final class AuditSearch {
    private static final String COLUMNS = "SELECT occurred_at, hook_instance, service, hook, client, patient_key, rule_set_versions, "
            + "rule_ids, card_uuids, codes, latency_ms, outcome, status, detail FROM audit_event";

    private final Database db;

    public AuditSearch(Database db) {
        this.db = db;
    }

    public List<AuditEvent> find(AuditQuery q) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        q.period().from().ifPresent(t -> add(where, args, "occurred_at >= ?", Timestamp.from(t)));
        q.period().to().ifPresent(t -> add(where, args, "occurred_at < ?", Timestamp.from(t)));
        q.service().ifPresent(s -> add(where, args, "service = ?", s));
        q.outcome().ifPresent(o -> add(where, args, "outcome = ?", o));
        q.reason().ifPresent(r -> add(where, args, "LOWER(detail) LIKE ? ESCAPE '!'", "%" + likeLiteral(r.toLowerCase(Locale.ROOT)) + "%"));
        String sql = COLUMNS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY occurred_at DESC, id DESC";
        List<AuditEvent> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setMaxRows(q.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(rs.getTimestamp(1).toInstant(), opt(rs, 2), opt(rs, 3), opt(rs, 4), opt(rs, 5), opt(rs, 6),
                            split(rs.getString(7)), split(rs.getString(8)), split(rs.getString(9)), split(rs.getString(10)),
                            rs.getLong(11), rs.getString(12), rs.getInt(13), opt(rs, 14)));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the audit trail", ex);
        }
        return out;
    }

    private static void add(List<String> where, List<Object> args, String condition, Object value) {
        where.add(condition);
        args.add(value);
    }

    /** Escapes LIKE's wildcards so the reason is matched as typed. */
    private static String likeLiteral(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Optional<String> opt(ResultSet rs, int i) throws SQLException {
        return Optional.ofNullable(rs.getString(i));
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split(" "));
    }
}
