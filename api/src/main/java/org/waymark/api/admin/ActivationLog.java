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

/**
 * The audit trail of rule-set activations and rollbacks, in the store; the latest entry of a rule set names
 * the version that serves it, so start-up serves what the last activation or rollback chose.
 */
public final class ActivationLog {
    /** One recorded change of the serving version. */
    public record Entry(String ruleSet, Optional<String> fromVersion, String toVersion, String actor, String kind, Instant at) {
    }

    /** The store's latest version of the rule set is not the one this server was switching from. */
    static final class ChainBroken extends Exception {
        ChainBroken(String message) {
            super(message);
        }
    }

    private final Database db;

    public ActivationLog(Database db) {
        this.db = db;
    }

    /**
     * Appends {@code e} in one transaction, only when it continues the chain: its from-version is the latest
     * to-version (a rule set that was not serving may start from none). The unique (rule set, seq) index
     * refuses the loser of two servers appending at once.
     */
    void record(Entry e) throws ChainBroken {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                append(c, e);
                c.commit();
            } catch (SQLException | ChainBroken ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException ex) {
            throw new ChainBroken("the activation of " + e.ruleSet() + " was not recorded (another server may have changed it at the same time;"
                    + " try again): " + ex.getClass().getSimpleName());
        }
    }

    private static void append(Connection c, Entry e) throws SQLException, ChainBroken {
        long seq = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, to_version FROM rule_set_activation WHERE rule_set = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, e.ruleSet());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                    String latest = rs.getString(2);
                    if (e.fromVersion().isPresent() && !e.fromVersion().get().equals(latest)) {
                        throw new ChainBroken("the store says " + e.ruleSet() + "@" + latest + " serves, not " + e.fromVersion().get()
                                + ": another server changed it; restart this one to serve the stored version");
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_set_activation "
                + "(rule_set, seq, from_version, to_version, actor, kind, activated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.ruleSet());
            ps.setLong(2, seq + 1);
            ps.setString(3, e.fromVersion().orElse(null));
            ps.setString(4, e.toVersion());
            ps.setString(5, e.actor());
            ps.setString(6, e.kind());
            ps.setTimestamp(7, Timestamp.from(e.at()));
            ps.executeUpdate();
        }
    }

    /** Newest first. */
    public List<Entry> history(String ruleSet) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT rule_set, from_version, to_version, actor, kind, activated_at FROM rule_set_activation WHERE rule_set = ? ORDER BY seq DESC")) {
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
