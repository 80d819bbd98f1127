package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.Database;

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

    private record Pending(AuditRows.Entry entry, CompletableFuture<Void> committed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int MAX_BATCH = 1000;
    private static final long COMMIT_WAIT_SECONDS = 10;
    private static final Pending STOP = new Pending(null, null);

    private final Database db;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public AuditTrail(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        deadLetters.set(countDeadLetters());
        this.writer = new Thread(this::drain, "waymark-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public AuditTrail(Database db) {
        this(db, Clock.systemUTC());
    }

    /** Stores the entry and its cards; returns once committed (to the table, or as a dead letter). */
    public void record(AuditEvent e, List<IssuedCard> cards) {
        if (closed) {
            throw new Unavailable("the audit trail is closed", null);
        }
        Pending p = new Pending(new AuditRows.Entry(e, cards), new CompletableFuture<>());
        queue.add(p);
        try {
            p.committed().get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            throw new Unavailable("the audit trail cannot be written", ex.getCause());
        } catch (TimeoutException ex) {
            throw new Unavailable("the audit trail did not commit within " + COMMIT_WAIT_SECONDS + " s", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while the audit entry was committed", ex);
        }
    }

    /** Entries waiting for their commit now. */
    public int queueDepth() {
        return queue.size();
    }

    /** Entries kept in {@code audit_dead_letter} (counted at start-up, then as they happen). */
    public long deadLetters() {
        return deadLetters.get();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // Everything that queued while the previous commit ran shares this one.
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
        // Whatever raced past close(): refused, so those calls are not answered.
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p != STOP) {
                p.committed().completeExceptionally(new IllegalStateException("the audit trail closed"));
            }
        }
    }

    private void commit(List<Pending> batch) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                AuditRows.insert(c, batch.stream().map(Pending::entry).toList());
                c.commit();
                batch.forEach(p -> p.committed().complete(null));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                commitOneByOne(c, batch);
            }
        } catch (SQLException | RuntimeException e) {
            // No connection (store down): nothing can be stored, so none of these calls may be answered.
            LOG.error("audit trail: store unavailable ({}); {} calls refused", e.getClass().getSimpleName(), batch.size());
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    private void commitOneByOne(Connection c, List<Pending> batch) {
        for (Pending p : batch) {
            try {
                AuditRows.insert(c, List.of(p.entry()));
                c.commit();
                p.committed().complete(null);
            } catch (SQLException | RuntimeException e) {
                deadLetter(c, p, e);
            }
        }
    }

    private void deadLetter(Connection c, Pending p, Exception cause) {
        try {
            c.rollback();
            AuditRows.deadLetter(c, p.entry(), cause, clock.instant());
            c.commit();
            long n = deadLetters.incrementAndGet();
            // The SQL state only: the exception message can quote the refused values.
            LOG.error("audit trail: an entry the store refused ({}) was kept as dead letter {}; /health reports DEGRADED",
                    cause instanceof SQLException s ? "SQLState " + s.getSQLState() : cause.getClass().getSimpleName(), n);
            p.committed().complete(null);
        } catch (SQLException | RuntimeException e) {
            LOG.error("audit trail: an entry could be stored neither in the trail nor as a dead letter ({})", e.getClass().getSimpleName());
            p.committed().completeExceptionally(e);
        }
    }

    /** Stops taking entries, commits every entry already queued, then stops the writer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(COMMIT_WAIT_SECONDS * 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
