package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.waymark.api.server.ApiException;
import org.waymark.api.store.Database;

/** Stores feedback linked to issued cards, all or nothing, and reports acceptance rates. */
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

    /** Stores every item, or none: an unknown card uuid is a 404 and nothing is written. */
    public void store(String service, List<Feedback> items, Instant receivedAt) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                for (Feedback f : items) {
                    try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM card_issued WHERE card_uuid = ? AND service = ?")) {
                        check.setString(1, f.cardUuid());
                        check.setString(2, service);
                        try (ResultSet rs = check.executeQuery()) {
                            if (!rs.next()) {
                                throw new ApiException(404, "no card " + f.cardUuid() + " was issued by service " + service, "feedback.card");
                            }
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO card_feedback (card_uuid, outcome, accepted_suggestions, "
                            + "override_reason_code, override_reason_system, override_comment, outcome_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        ps.setString(1, f.cardUuid());
                        ps.setString(2, f.outcome());
                        ps.setString(3, String.join(" ", f.acceptedSuggestions()));
                        ps.setString(4, f.overrideReasonCode().orElse(null));
                        ps.setString(5, f.overrideReasonSystem().orElse(null));
                        ps.setString(6, f.overrideComment().map(x -> x.length() > 2000 ? x.substring(0, 2000) : x).orElse(null));
                        ps.setTimestamp(7, Timestamp.from(f.outcomeAt()));
                        ps.setTimestamp(8, Timestamp.from(receivedAt));
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store feedback", e);
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
