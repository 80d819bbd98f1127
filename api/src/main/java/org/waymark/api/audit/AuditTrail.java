package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.BatchRows;
import org.waymark.api.store.Database;
import org.waymark.api.store.GroupCommit;
import org.waymark.api.store.StoreWriter;

/**
 * The audit trail and the cards issued (so feedback can be linked to them). {@link #record} returns only
 * once the entry is committed, so a call is answered only after its record is stored (and survives a
 * crash of the process). Entries are committed by the store's one writer ({@link StoreWriter}) with every other row
 * queued meanwhile (group commit): under load many calls share a commit. If a batch fails, each entry is retried
 * alone and an entry the store still refuses goes to {@code audit_dead_letter}, so one bad row never holds up the others.
 */
public final class AuditTrail {
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

    private final Database db;
    private final Clock clock;
    private final AtomicLong deadLetters = new AtomicLong();
    private final StoreWriter writer;
    private final Rows rows = new Rows();

    public AuditTrail(Database db, StoreWriter writer, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.writer = writer;
        deadLetters.set(countDeadLetters());
    }

    /** Stores the entry and its cards; returns once committed (to the table, or as a dead letter). */
    public void record(AuditEvent e, List<IssuedCard> cards) {
        try {
            writer.submit(rows, new AuditRows.Entry(e, cards));
        } catch (GroupCommit.NotStored ex) {
            throw new Unavailable("the audit trail " + ex.getMessage(), ex.getCause());
        }
    }

    /** Entries kept in {@code audit_dead_letter} (counted at start-up, then as they happen). */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** An entry's rows; alone, an entry the store refuses is kept as a dead letter instead. */
    private final class Rows implements BatchRows<AuditRows.Entry, Void> {
        @Override
        public List<Void> insert(Connection c, List<AuditRows.Entry> entries) throws SQLException {
            AuditRows.insert(c, entries);
            return Collections.nCopies(entries.size(), null);
        }

        @Override
        public Void alone(Connection c, AuditRows.Entry entry) throws SQLException {
            try {
                AuditRows.insert(c, List.of(entry));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                deadLetter(c, entry, e);
            }
            return null;
        }
    }

    private void deadLetter(Connection c, AuditRows.Entry entry, Exception cause) throws SQLException {
        try {
            c.rollback();
            AuditRows.deadLetter(c, entry, cause, clock.instant());
            c.commit();
        } catch (SQLException | RuntimeException e) {
            LOG.error("audit trail: an entry could be stored neither in the trail nor as a dead letter ({})", e.getClass().getSimpleName());
            throw e;
        }
        long n = deadLetters.incrementAndGet();
        // The SQL state only: the exception message can quote the refused values.
        LOG.error("audit trail: an entry the store refused ({}) was kept as dead letter {}; /health reports DEGRADED",
                cause instanceof SQLException s ? "SQLState " + s.getSQLState() : cause.getClass().getSimpleName(), n);
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
