package org.waymark.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.waymark.api.OnEachStore;
import org.waymark.api.audit.AuditEvent;
import org.waymark.api.audit.AuditTrail;
import org.waymark.api.store.Database;
import org.waymark.api.store.GroupCommit;

/**
 * The replay store and the audit trail sharing one writer (as the server runs them), on each store: jtis and audit
 * entries queued together share one transaction; a replay in such a batch refuses only its own token, and every
 * other jti and audit entry of the batch is still stored; a jti recorded so is refused after a restart, and its
 * batch's audit entries are there; a store that cannot be written refuses both.
 */
class SharedStoreWriterTest {
    private static final String ISS = "https://ehr.example.org";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant KEEP = NOW.plusSeconds(180);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Holds the writer thread in its batch until released, so that whatever is submitted meanwhile shares the next. */
    private static final class Gate implements GroupCommit.Rows<String, Boolean> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void insert(Connection c, List<GroupCommit.Pending<String, Boolean>> items) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void committed(Connection c, List<GroupCommit.Pending<String, Boolean>> items) {
            items.forEach(p -> p.done(true));
        }

        @Override
        public void alone(Connection c, List<GroupCommit.Pending<String, Boolean>> items) {
            items.forEach(p -> p.done(true));
        }
    }

    private static AuditEvent answered(String hookInstance) {
        return new AuditEvent(NOW, Optional.of(hookInstance), Optional.of("proactive-care"), Optional.of("patient-view"), Optional.of(ISS),
                Optional.of("k".repeat(64)), List.of(), List.of(), List.of(), List.of(), 3, "ok", 200, Optional.empty());
    }

    private static int count(Database db, String sql, String value) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int jtiRows(Database db, String jti) throws Exception {
        return count(db, "SELECT COUNT(*) FROM seen_token_id WHERE token_key = ?", SeenTokenIds.sha256(ISS + "\n" + jti));
    }

    private static int auditRows(Database db, String hookInstance) throws Exception {
        return count(db, "SELECT COUNT(*) FROM audit_event WHERE hook_instance = ?", hookInstance);
    }

    /** Waits (a bounded time) until {@code n} items wait behind the held batch; the outcomes asserted hold either way. */
    private static void awaitQueued(AuditTrail trail, List<Thread> callers, int auditEntries) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until && (trail.queueDepth() < auditEntries
                || callers.stream().anyMatch(t -> t.getState() != Thread.State.TIMED_WAITING))) {
            Thread.sleep(5);
        }
    }

    @OnEachStore
    void aReplayInABatchWithAuditEntriesRefusesOnlyItsTokenAndTheRestIsStored(String kind, String url) throws Exception {
        try (Database db = Database.open(url, null, null)) {
            GroupCommit writer = GroupCommit.forStore(db);
            SeenTokenIds seen = new SeenTokenIds(writer);
            AuditTrail trail = new AuditTrail(writer, CLOCK);
            ExecutorService pool = Executors.newCachedThreadPool();
            try {
                assertTrue(seen.firstUse(ISS, "used-before", KEEP, NOW));
                Gate gate = new Gate();
                Future<Boolean> held = pool.submit(() -> writer.submit(gate, "hold"));
                assertTrue(gate.entered.await(10, TimeUnit.SECONDS));

                List<String> jtis = List.of("used-before", "fresh-1", "fresh-2", "fresh-1");
                List<Future<Boolean>> uses = new ArrayList<>();
                List<Thread> callers = new ArrayList<>();
                for (String jti : jtis) {
                    CountDownLatch started = new CountDownLatch(1);
                    uses.add(pool.submit(() -> {
                        synchronized (callers) {
                            callers.add(Thread.currentThread());
                        }
                        started.countDown();
                        return seen.firstUse(ISS, jti, KEEP, NOW);
                    }));
                    started.await();
                }
                List<Future<?>> audits = new ArrayList<>();
                for (String hookInstance : List.of("call-a", "call-b")) {
                    audits.add(pool.submit(() -> trail.record(answered(hookInstance), List.of())));
                }
                awaitQueued(trail, callers, 2);
                gate.release.countDown();

                assertTrue(held.get(10, TimeUnit.SECONDS));
                assertFalse(uses.get(0).get(10, TimeUnit.SECONDS), "the replay is refused");
                assertTrue(uses.get(2).get(10, TimeUnit.SECONDS), "a first use in the same batch is accepted");
                assertEquals(1, (uses.get(1).get(10, TimeUnit.SECONDS) ? 1 : 0) + (uses.get(3).get(10, TimeUnit.SECONDS) ? 1 : 0),
                        "a jti used twice in one batch is accepted once");
                for (Future<?> audit : audits) {
                    audit.get(10, TimeUnit.SECONDS);
                }
                assertEquals(1, jtiRows(db, "fresh-1"));
                assertEquals(1, jtiRows(db, "fresh-2"));
                assertEquals(1, jtiRows(db, "used-before"));
                assertEquals(1, auditRows(db, "call-a"), "an audit entry of the failed batch, stored alone");
                assertEquals(1, auditRows(db, "call-b"));
                assertEquals(0, trail.deadLetters());
            } finally {
                pool.shutdownNow();
                trail.close();
                seen.close();
            }
        }
    }

    @OnEachStore
    void aJtiCommittedBesideAuditEntriesIsRefusedAfterARestart(String kind, String url) throws Exception {
        try (Database db = Database.open(url, null, null)) {
            GroupCommit writer = GroupCommit.forStore(db);
            SeenTokenIds seen = new SeenTokenIds(writer);
            AuditTrail trail = new AuditTrail(writer, CLOCK);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> uses = new ArrayList<>();
                List<Future<?>> audits = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String n = Integer.toString(i);
                    uses.add(pool.submit(() -> seen.firstUse(ISS, "before-restart-" + n, KEEP, NOW)));
                    audits.add(pool.submit(() -> trail.record(answered("before-restart-" + n), List.of())));
                }
                for (Future<Boolean> use : uses) {
                    assertTrue(use.get(10, TimeUnit.SECONDS));
                }
                for (Future<?> audit : audits) {
                    audit.get(10, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                trail.close();
                seen.close();
            }
        }
        try (Database db = Database.open(url, null, null)) {
            GroupCommit writer = GroupCommit.forStore(db);
            try (SeenTokenIds seen = new SeenTokenIds(writer); AuditTrail trail = new AuditTrail(writer, CLOCK)) {
                for (int i = 0; i < 40; i++) {
                    assertFalse(seen.firstUse(ISS, "before-restart-" + i, KEEP, NOW), "replayed after the restart");
                    assertEquals(1, auditRows(db, "before-restart-" + i), "every acknowledged audit entry is there");
                }
                assertTrue(seen.firstUse(ISS, "after-restart", KEEP, NOW));
                trail.record(answered("after-restart"), List.of());
                assertEquals(1, auditRows(db, "after-restart"));
            }
        }
    }

    @OnEachStore
    void aStoreThatCannotBeWrittenRefusesTokensAndAuditEntries(String kind, String url) throws Exception {
        Database db = Database.open(url, null, null);
        GroupCommit writer = GroupCommit.forStore(db);
        try (SeenTokenIds seen = new SeenTokenIds(writer); AuditTrail trail = new AuditTrail(writer, CLOCK)) {
            assertTrue(seen.firstUse(ISS, "while-up", KEEP, NOW));
            db.close();
            assertThrows(IllegalStateException.class, () -> seen.firstUse(ISS, "while-down", KEEP, NOW));
            assertThrows(AuditTrail.Unavailable.class, () -> trail.record(answered("while-down"), List.of()));
            trail.close();
            assertThrows(IllegalStateException.class, () -> seen.firstUse(ISS, "after-close", KEEP, NOW), "closing either closes the shared writer");
        }
    }
}
