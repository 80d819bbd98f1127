package org.waymark.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.store.Database;

/**
 * Writes and reads the audit trail and the cards issued (so feedback can be linked to them). Writes are
 * queued and committed in batches by one background writer, so a CDS call does not wait for the store;
 * {@link #flush()} waits until everything queued is committed (feedback and reports call it first).
 */
public final class AuditTrail implements AutoCloseable {
    /** A card as issued. */
    public record IssuedCard(String uuid, String service, String hookInstance, String code, String ruleSet, String ruleSetVersion) {
    }

    private record Entry(AuditEvent event, List<IssuedCard> cards) {
    }

    private static final long LINGER_MILLIS = 20;

    private final Database db;
    private final java.util.concurrent.BlockingQueue<Entry> queue = new java.util.concurrent.LinkedBlockingQueue<>(100_000);
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong writeFailures = new java.util.concurrent.atomic.AtomicLong();
    private final Thread writer;

    public AuditTrail(Database db) {
        this.db = db;
        this.writer = new Thread(this::drain, "waymark-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public void record(AuditEvent e, List<IssuedCard> cards) {
        queued.incrementAndGet();
        try {
            // A full queue means the store is down or far behind: the call waits rather than losing its audit entry.
            queue.put(new Entry(e, List.copyOf(cards)));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queuing an audit entry", ex);
        }
    }

    /** Entries accepted but not yet committed (for the metrics). */
    public long pending() {
        return queued.get() - written.get();
    }

    /** Batch writes that failed (and were retried) since start (for the metrics). */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** Waits until every entry queued so far is committed. */
    public void flush() {
        long target = queued.get();
        while (written.get() < target) {
            if (!writer.isAlive()) {
                throw new IllegalStateException("the audit writer stopped");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the audit writer", e);
            }
        }
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                // Linger briefly so a busy server commits many entries at once: commits, not inserts, cost the most.
                Thread.sleep(LINGER_MILLIS);
                queue.drainTo(batch, 999);
                write(batch);
                written.addAndGet(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
                // Retry the same batch: entries are never dropped; the type only, entries carry no patient data.
                org.slf4j.LoggerFactory.getLogger(AuditTrail.class).error("audit write failed ({}); retrying", e.getClass().getSimpleName());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        flush();
        writer.interrupt();
    }

    private void write(List<Entry> batch) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (Entry entry : batch) {
                insert(c, entry.event(), entry.cards());
            }
            c.commit();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot write the audit trail", ex);
        }
    }

    private static void insert(Connection c, AuditEvent e, List<IssuedCard> cards) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, hook_instance, service, hook, client, "
                + "patient_key, rule_set_versions, rule_ids, card_uuids, codes, latency_ms, outcome, status, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(e.at()));
            ps.setString(2, clip(e.hookInstance(), 200));
            ps.setString(3, clip(e.service(), 100));
            ps.setString(4, clip(e.hook(), 100));
            ps.setString(5, clip(e.client(), 300));
            ps.setString(6, e.patientKey().orElse(null));
            ps.setString(7, join(e.ruleSetVersions(), 1000));
            ps.setString(8, join(e.ruleIds(), 4000));
            ps.setString(9, join(e.cardUuids(), 4000));
            ps.setString(10, join(e.codes(), 4000));
            ps.setLong(11, e.latencyMillis());
            ps.setString(12, e.outcome());
            ps.setInt(13, e.status());
            ps.setString(14, clip(e.detail(), 500));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO card_issued (card_uuid, service, hook_instance, code, rule_set, "
                + "rule_set_version, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (IssuedCard card : cards) {
                ps.setString(1, card.uuid());
                ps.setString(2, card.service());
                ps.setString(3, card.hookInstance().length() > 200 ? card.hookInstance().substring(0, 200) : card.hookInstance());
                ps.setString(4, card.code());
                ps.setString(5, card.ruleSet());
                ps.setString(6, card.ruleSetVersion());
                ps.setTimestamp(7, Timestamp.from(e.at()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The most recent events, newest first. */
    public List<AuditEvent> recent(int limit) {
        flush();
        return new AuditSearch(db).find(AuditQuery.newest(limit));
    }

    private static String clip(Optional<String> s, int max) {
        return s.map(v -> v.length() > max ? v.substring(0, max) : v).orElse(null);
    }

    private static String join(List<String> values, int max) {
        String s = String.join(" ", values);
        return s.length() > max ? s.substring(0, max) : s;
    }
}
