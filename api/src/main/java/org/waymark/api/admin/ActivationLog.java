package org.waymark.api.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.store.Database;

/** The audit trail of rule-set activations and rollbacks, in the store. */
public final class ActivationLog {
    /** One recorded change of the serving version. */
    public record Entry(String ruleSet, Optional<String> fromVersion, String toVersion, String actor, String kind, Instant at) {
    }

    private final Database db;

    public ActivationLog(Database db) {
        this.db = db;
    }

    public void record(Entry e) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rule_set_activation (rule_set, from_version, to_version, actor, kind, activated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.ruleSet());
            ps.setString(2, e.fromVersion().orElse(null));
            ps.setString(3, e.toVersion());
            ps.setString(4, e.actor());
            ps.setString(5, e.kind());
            ps.setTimestamp(6, Timestamp.from(e.at()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot record the activation of " + e.ruleSet(), ex);
        }
    }

    /** Newest first. */
    public List<Entry> history(String ruleSet) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT rule_set, from_version, to_version, actor, kind, activated_at FROM rule_set_activation WHERE rule_set = ? ORDER BY id DESC")) {
            ps.setString(1, ruleSet);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot read the activations of " + ruleSet, ex);
        }
        return out;
    }
}
