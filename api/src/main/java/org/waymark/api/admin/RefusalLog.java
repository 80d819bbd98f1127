package org.waymark.api.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.waymark.api.store.Database;
import org.waymark.engine.ruleset.Refusal;

/** Versions refused through the admin API, kept in the store so that no restart can serve them. */
final class RefusalLog {
    private static final int MAX_REASONS_CHARS = 20_000;

    private final Database db;

    RefusalLog(Database db) {
        this.db = db;
    }

    void record(Refusal r) {
        String reasons = String.join("\n", r.reasons());
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rule_set_refusal (rule_set, version, phase, reasons, refused_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.version());
            ps.setString(3, r.phase());
            ps.setString(4, reasons.length() > MAX_REASONS_CHARS ? reasons.substring(0, MAX_REASONS_CHARS) : reasons);
            ps.setTimestamp(5, Timestamp.from(r.at()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the refusal of " + r.key(), e);
        }
    }

    /** The version passed its checks and served; its earlier refusals no longer hold. */
    void clear(String ruleSet, String version, Instant at) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE rule_set_refusal SET cleared_at = ? WHERE rule_set = ? AND version = ? AND cleared_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, ruleSet);
            ps.setString(3, version);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the refusals of " + ruleSet + "@" + version, e);
        }
    }

    /** The latest uncleared refusal of each version. */
    List<Refusal> current() {
        Map<String, Refusal> latest = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT rule_set, version, phase, reasons, refused_at FROM rule_set_refusal WHERE cleared_at IS NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Refusal r = new Refusal(rs.getString(1), rs.getString(2), rs.getString(3), List.of(rs.getString(4).split("\n")),
                        rs.getTimestamp(5).toInstant());
                latest.put(r.key(), r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read rule-set refusals", e);
        }
        return new ArrayList<>(latest.values());
    }
}
