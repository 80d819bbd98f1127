package org.waymark.api.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.waymark.api.store.Database;

/** The sign-off of rule-set versions in the store ({@code version_review}): submission with its evidence pack, then approval. */
final class VersionReviews {
    private static final String COLUMNS = "rule_set, version, submitted_by, submitted_at, evidence, evidence_sha256, approved_by, approved_at";

    /** A submitted version; {@code approvedBy} and {@code approvedAt} are set together once a safety officer approves it. */
    record Review(String ruleSet, String version, String submittedBy, Instant submittedAt, String evidence, String evidenceSha256,
                  Optional<String> approvedBy, Optional<Instant> approvedAt) {
        Review {
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(evidenceSha256, "evidenceSha256");
            if (approvedBy.isPresent() != approvedAt.isPresent()) {
                throw new IllegalArgumentException("an approval names who and when");
            }
        }

        boolean approved() {
            return approvedBy.isPresent();
        }
    }

    private final Database db;

    VersionReviews(Database db) {
        this.db = db;
    }

    Optional<Review> find(String ruleSet, String version) {
        List<Review> found = query("SELECT " + COLUMNS + " FROM version_review WHERE rule_set = ? AND version = ?", ruleSet, version);
        return found.stream().findFirst();
    }

    /** Every review of a rule set's versions. */
    List<Review> of(String ruleSet) {
        return query("SELECT " + COLUMNS + " FROM version_review WHERE rule_set = ?", ruleSet);
    }

    /** Records (or replaces) an unapproved submission; an approved version keeps its approval (the insert then fails). */
    void submit(Review r) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM version_review WHERE rule_set = ? AND version = ? AND approved_by IS NULL");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO version_review (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                delete.setString(1, r.ruleSet());
                delete.setString(2, r.version());
                delete.executeUpdate();
                insert.setString(1, r.ruleSet());
                insert.setString(2, r.version());
                insert.setString(3, r.submittedBy());
                insert.setTimestamp(4, Timestamp.from(r.submittedAt()));
                insert.setString(5, r.evidence());
                insert.setString(6, r.evidenceSha256());
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the submission of " + r.ruleSet() + "@" + r.version(), e);
        }
    }

    /** Approves the pack with {@code evidenceSha256}; false when the version is no longer awaiting approval of that pack. */
    boolean approve(String ruleSet, String version, String evidenceSha256, String approver, Instant at) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE version_review SET approved_by = ?, approved_at = ? "
                + "WHERE rule_set = ? AND version = ? AND evidence_sha256 = ? AND approved_by IS NULL")) {
            ps.setString(1, approver);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, ruleSet);
            ps.setString(4, version);
            ps.setString(5, evidenceSha256);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the approval of " + ruleSet + "@" + version, e);
        }
    }

    private List<Review> query(String sql, String... args) {
        List<Review> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                            rs.getString(6), Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getTimestamp(8)).map(Timestamp::toInstant)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read version reviews", e);
        }
        return out;
    }
}
