package org.waymark.api.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.Database;

/** The serving gate's passes kept in the store, by the SHA-256 of the gate's inputs ({@link GateInputs}). */
final class GatePasses {
    private static final Logger LOG = LoggerFactory.getLogger(GatePasses.class);
    private static final String UNIQUE_VIOLATION = "23505";

    /** One kept pass. */
    record Pass(String contentSha256, String ruleSet, String version, Instant at) {
    }

    private final Database db;

    GatePasses(Database db) {
        this.db = db;
    }

    Set<String> all() {
        Set<String> out = new HashSet<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT content_sha256 FROM serving_gate_pass");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the serving gate's passes", e);
        }
        return out;
    }

    /** Keeps {@code pass}; one not kept (another server kept it first, or the store refused) only means checking again. */
    void record(Pass pass) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO serving_gate_pass (content_sha256, rule_set, version, passed_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, pass.contentSha256());
            ps.setString(2, pass.ruleSet());
            ps.setString(3, pass.version());
            ps.setTimestamp(4, Timestamp.from(pass.at()));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                LOG.warn("serving gate: the pass of {}@{} was not kept ({}); it is checked again at the next start", pass.ruleSet(),
                        pass.version(), e.getClass().getSimpleName());
            }
        }
    }
}
