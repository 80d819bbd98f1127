package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.waymark.api.store.Database;

/** Stores feedback linked to the cards issued to the same client, once per card, outcome and client; reports acceptance rates. */
public final class FeedbackStore {
    /** Acceptance of one recommendation code in one rule-set version. */
    public record Acceptance(String code, String ruleSet, String ruleSetVersion, long issued, long accepted, long overridden) {
        public double acceptanceRate() {
            long decided = accepted + overridden;
            return decided == 0 ? Double.NaN : accepted / (double) decided;
        }
    }

    private final Database db;

    public FeedbackStore(Database db) {
        this.db = db;
    }

    /**
     * What a feedback call stored: new rows, items already recorded (same card, outcome and client: not stored
     * twice), and the cards this client was not issued by this service (never issued, or issued to another
     * client: the two are not told apart).
     */
    public record Stored(int stored, int alreadyRecorded, List<String> unknownCards) {
        public Stored {
            unknownCards = List.copyOf(unknownCards);
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;

    /**
     * Stores the items on cards this service issued to {@code client}, in one transaction committed before this
     * returns; other cards are reported, not stored. A concurrent identical item (unique index) retries the
     * transaction, which then finds it recorded.
     */
    public Stored store(String service, String client, List<Feedback> items, Instant receivedAt) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    Stored result = storeIn(c, service, client, items, receivedAt);
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    c.rollback();
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store feedback", e);
            }
        }
    }

    private static Stored storeIn(Connection c, String service, String client, List<Feedback> items, Instant receivedAt) throws SQLException {
        int stored = 0;
        int already = 0;
        List<String> unknown = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Feedback f : items) {
            if (!exists(c, "SELECT 1 FROM card_issued WHERE card_uuid = ? AND service = ? AND client = ?", f.cardUuid(), service, client)) {
                unknown.add(f.cardUuid());
            } else if (!seen.add(f.cardUuid() + " " + f.outcome())
                    || exists(c, "SELECT 1 FROM card_feedback WHERE card_uuid = ? AND outcome = ? AND client = ?", f.cardUuid(), f.outcome(), client)) {
                already++;
            } else {
                insert(c, f, client, receivedAt);
                stored++;
            }
        }
        return new Stored(stored, already, unknown);
    }

    private static boolean exists(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insert(Connection c, Feedback f, String client, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO card_feedback (card_uuid, outcome, accepted_suggestions, "
                + "override_reason_code, override_reason_system, override_comment, outcome_at, received_at, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.cardUuid());
            ps.setString(2, f.outcome());
            ps.setString(3, String.join(" ", f.acceptedSuggestions()));
            ps.setString(4, f.overrideReasonCode().orElse(null));
            ps.setString(5, f.overrideReasonSystem().orElse(null));
            ps.setString(6, f.overrideComment().orElse(null));
            ps.setTimestamp(7, Timestamp.from(f.outcomeAt()));
            ps.setTimestamp(8, Timestamp.from(receivedAt));
            ps.setString(9, client);
            ps.executeUpdate();
        }
    }

    public List<Acceptance> acceptance() {
        List<Acceptance> out = new ArrayList<>();
        String sql = "SELECT i.code, i.rule_set, i.rule_set_version, COUNT(DISTINCT i.card_uuid), "
                + "COUNT(CASE WHEN f.outcome = 'accepted' THEN 1 END), COUNT(CASE WHEN f.outcome = 'overridden' THEN 1 END) "
                + "FROM card_issued i LEFT JOIN card_feedback f ON f.card_uuid = i.card_uuid "
                + "GROUP BY i.code, i.rule_set, i.rule_set_version ORDER BY i.code, i.rule_set_version";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Acceptance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot report acceptance", e);
        }
        return out;
    }
}
