package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.Database;
import org.waymark.api.store.GroupCommit;
import org.waymark.api.store.GroupCommit.Pending;

/**
 * The audit trail and the cards issued (so feedback can be linked to them). {@link #record} returns only
 * once the entry is committed, so a call is answered only after its record is stored (and survives a
 * crash of the process). One writer thread commits every entry queued meanwhile in one transaction (group
 * commit): under load many calls share a commit. If a batch fails, each entry is retried alone and an entry
 * the store still refuses goes to {@code audit_dead_letter}, so one bad row never holds up the others.
 */
public final class AuditTrail implements AutoCloseable {
    /** A card as issued, to the client that called ({@code ""} in development mode, where no client authenticates). */
    public record IssuedCard(String uuid, String service, String hookInstance, String code, String ruleSet, String ruleSetVersion, String client) {
    }

    /** The entry could not be stored (store unreachable, or the trail is closed): the call must not be answered. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int MAX_BATCH = 1000;
    private static final long COMMIT_WAIT_SECONDS = 10;

    private final Database db;
    private final Clock clock;
    private final AtomicLong deadLetters = new AtomicLong();
    private final GroupCommit<AuditRows.Entry, Void> writer;

    public AuditTrail(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        deadLetters.set(countDeadLetters());
        this.writer = new GroupCommit<>("waymark-audit-writer", MAX_BATCH, COMMIT_WAIT_SECONDS, this::commit);
    }

    public AuditTrail(Database db) {
        this(db, Clock.systemUTC());
    }

    /** Stores the entry and its cards; returns once committed (to the table, or as a dead letter). */
    public void record(AuditEvent e, List<IssuedCard> cards) {
        try {
            writer.submit(new AuditRows.Entry(e, cards));
        } catch (GroupCommit.NotStored ex) {
            throw new Unavailable("the audit trail " + ex.getMessage(), ex.getCause());
        }
    }

    /** Entries waiting for their commit now. */
    public int queueDepth() {
        return writer.queueDepth();
    }

    /** Entries kept in {@code audit_dead_letter} (counted at start-up, then as they happen). */
    public long deadLetters() {
        return deadLetters.get();
    }

    private void commit(List<Pending<AuditRows.Entry, Void>> batch) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                AuditRows.insert(c, batch.stream().map(Pending::item).toList());
                c.commit();
                batch.forEach(p -> p.done(null));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                commitOneByOne(c, batch);
            }
        } catch (SQLException | RuntimeException e) {
            // No connection (store down): nothing can be stored, so none of these calls may be answered.
            LOG.error("audit trail: store unavailable ({}); {} calls refused", e.getClass().getSimpleName(), batch.size());
            batch.forEach(p -> p.failed(e));
        }
    }

    private void commitOneByOne(Connection c, List<Pending<AuditRows.Entry, Void>> batch) {
        for (Pending<AuditRows.Entry, Void> p : batch) {
            try {
                AuditRows.insert(c, List.of(p.item()));
                c.commit();
                p.done(null);
            } catch (SQLException | RuntimeException e) {
                deadLetter(c, p, e);
            }
        }
    }

    private void deadLetter(Connection c, Pending<AuditRows.Entry, Void> p, Exception cause) {
        try {
            c.rollback();
            AuditRows.deadLetter(c, p.item(), cause, clock.instant());
            c.commit();
            long n = deadLetters.incrementAndGet();
            // The SQL state only: the exception message can quote the refused values.
            LOG.error("audit trail: an entry the store refused ({}) was kept as dead letter {}; /health reports DEGRADED",
                    cause instanceof SQLException s ? "SQLState " + s.getSQLState() : cause.getClass().getSimpleName(), n);
            p.done(null);
        } catch (SQLException | RuntimeException e) {
            LOG.error("audit trail: an entry could be stored neither in the trail nor as a dead letter ({})", e.getClass().getSimpleName());
            p.failed(e);
        }
    }

    /** Stops taking entries, commits every entry already queued, then stops the writer. */
    @Override
    public void close() {
        writer.close();
    }

    private long countDeadLetters() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_dead_letter");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit dead letters", e);
        }
    }

    /** The most recent events, newest first. */
    public List<AuditEvent> recent(int limit) {
        return new AuditSearch(db).find(AuditQuery.newest(limit));
    }
}
