package org.waymark.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.waymark.api.OnEachStore;
import org.waymark.api.store.BatchRows;
import org.waymark.api.store.Database;
import org.waymark.api.store.StoreWriter;

/**
 * The replay store on each store (H2 file, PostgreSQL): the same jti used concurrently is accepted exactly once,
 * whether the uses share a batch or not, on one server or on two sharing the store; a jti is still refused after a
 * restart; a store that cannot be written refuses every token; expired rows are deleted.
 */
class SeenTokenIdsTest {
    private static final String ISS = "https://ehr.example.org";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant KEEP = NOW.plusSeconds(180);

    /** Sends {@code threads} uses of each jti at once, spread over {@code stores}; returns how many were accepted per jti. */
    private static List<Integer> acceptedPerJti(List<SeenTokenIds> stores, int threads, int jtis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Integer> accepted = new ArrayList<>();
            for (int j = 0; j < jtis; j++) {
                String jti = "concurrent-" + j;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> uses = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SeenTokenIds store = stores.get(t % stores.size());
                    uses.add(pool.submit(() -> {
                        start.await();
                        return store.firstUse(ISS, jti, KEEP, NOW);
                    }));
                }
                int n = 0;
                for (Future<Boolean> use : uses) {
                    n += use.get() ? 1 : 0;
                }
                accepted.add(n);
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int rows(Database db, String jti) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM seen_token_id WHERE token_key = ?")) {
            ps.setString(1, SeenTokenIds.sha256(ISS + "\n" + jti));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @OnEachStore
    void concurrentUsesOfOneJtiAreAcceptedExactlyOnce(String kind, String url) throws Exception {
        try (Database db = Database.open(url, null, null); StoreWriter writer = new StoreWriter(db)) {
            SeenTokenIds seen = new SeenTokenIds(writer);
            List<Integer> accepted = acceptedPerJti(List.of(seen), 8, 40);
            assertEquals(List.of(1), accepted.stream().distinct().toList(), "uses accepted per jti");
            assertFalse(seen.firstUse(ISS, "concurrent-0", KEEP, NOW), "replayed later");
            assertTrue(seen.firstUse(ISS, "another", KEEP, NOW));
            assertTrue(seen.firstUse("https://other-ehr.example.org", "another", KEEP, NOW), "the same jti from another issuer is another token");
        }
    }

    @OnEachStore
    void twoServersOnOneStoreAcceptAJtiOnce(String kind, String url) throws Exception {
        try (Database a = Database.open(url, null, null); Database b = Database.open(url, null, null);
             StoreWriter writerA = new StoreWriter(a); StoreWriter writerB = new StoreWriter(b)) {
            SeenTokenIds first = new SeenTokenIds(writerA);
            SeenTokenIds second = new SeenTokenIds(writerB);
            List<Integer> accepted = acceptedPerJti(List.of(first, second), 8, 40);
            assertEquals(List.of(1), accepted.stream().distinct().toList(), "uses accepted per jti");
            assertTrue(first.firstUse(ISS, "used-on-the-first", KEEP, NOW));
            assertFalse(second.firstUse(ISS, "used-on-the-first", KEEP, NOW));
        }
    }

    @OnEachStore
    void aJtiIsRefusedAfterARestart(String kind, String url) throws Exception {
        try (Database db = Database.open(url, null, null); StoreWriter writer = new StoreWriter(db)) {
            assertTrue(new SeenTokenIds(writer).firstUse(ISS, "before-restart", KEEP, NOW));
        }
        try (Database db = Database.open(url, null, null); StoreWriter writer = new StoreWriter(db)) {
            SeenTokenIds seen = new SeenTokenIds(writer);
            assertFalse(seen.firstUse(ISS, "before-restart", KEEP, NOW));
            assertEquals(1, rows(db, "before-restart"));
        }
    }

    @OnEachStore
    void aStoreThatCannotBeWrittenRefusesEveryToken(String kind, String url) throws Exception {
        Database db = Database.open(url, null, null);
        try (StoreWriter writer = new StoreWriter(db)) {
            SeenTokenIds seen = new SeenTokenIds(writer);
            assertTrue(seen.firstUse(ISS, "while-up", KEEP, NOW));
            db.close();
            assertThrows(IllegalStateException.class, () -> seen.firstUse(ISS, "while-down", KEEP, NOW));
            assertThrows(IllegalStateException.class, () -> seen.firstUse(ISS, "while-up", KEEP, NOW));
        }
        try (Database reopened = Database.open(url, null, null); StoreWriter writer = new StoreWriter(reopened)) {
            SeenTokenIds seen = new SeenTokenIds(writer);
            assertEquals(0, rows(reopened, "while-down"), "nothing recorded for a refused token");
            assertTrue(seen.firstUse(ISS, "while-down", KEEP, NOW), "so it is accepted once the store is back");
        }
        try (Database reopened = Database.open(url, null, null)) {
            StoreWriter writer = new StoreWriter(reopened);
            SeenTokenIds closed = new SeenTokenIds(writer);
            writer.close();
            assertThrows(IllegalStateException.class, () -> closed.firstUse(ISS, "after-close", KEEP, NOW));
        }
    }

    /** A kind of row for the shared writer that stores nothing: its first batch waits to be let go; it counts the items written alone. */
    private static final class Beside implements BatchRows<String, String> {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<String> alone = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<String> insert(Connection c, List<String> items) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return items;
        }

        @Override
        public String alone(Connection c, String item) {
            alone.add(item);
            return item;
        }
    }

    @OnEachStore
    void aReplayIsRefusedWithoutFailingTheBatchItShares(String kind, String url) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Database db = Database.open(url, null, null); StoreWriter writer = new StoreWriter(db)) {
            SeenTokenIds seen = new SeenTokenIds(writer);
            assertTrue(seen.firstUse(ISS, "stored-before", KEEP, NOW));
            Beside beside = new Beside();
            Future<String> gate = pool.submit(() -> writer.submit(beside, "gate"));
            beside.entered.await();
            Future<String> other = pool.submit(() -> writer.submit(beside, "an audit entry, say"));
            Future<Boolean> replay = pool.submit(() -> seen.firstUse(ISS, "stored-before", KEEP, NOW));
            Future<Boolean> fresh = pool.submit(() -> seen.firstUse(ISS, "fresh", KEEP, NOW));
            while (writer.queueDepth() < 3) {
                Thread.onSpinWait();
            }
            beside.release.countDown();
            assertFalse(replay.get(), "the replay is refused");
            assertTrue(fresh.get(), "the new token in the same batch is accepted");
            assertEquals("an audit entry, say", other.get());
            assertEquals("gate", gate.get());
            assertEquals(List.of(), beside.alone, "the replay failed no batch: nothing was written alone");
            assertEquals(1, rows(db, "fresh"));
        } finally {
            pool.shutdownNow();
        }
    }

    @OnEachStore
    void expiredRowsAreDeleted(String kind, String url) throws Exception {
        try (Database db = Database.open(url, null, null)) {
            try (StoreWriter writer = new StoreWriter(db)) {
                SeenTokenIds seen = new SeenTokenIds(writer);
                assertTrue(seen.firstUse(ISS, "short", NOW.plusSeconds(60), NOW));
                assertTrue(seen.firstUse(ISS, "long", NOW.plusSeconds(600), NOW));
            }
            try (StoreWriter writer = new StoreWriter(db)) {
                SeenTokenIds seen = new SeenTokenIds(writer);
                // The first batch of a new store instance deletes what expired by its time; the next use waits for that.
                assertTrue(seen.firstUse(ISS, "later", NOW.plusSeconds(900), NOW.plusSeconds(300)));
                assertTrue(seen.firstUse(ISS, "later-still", NOW.plusSeconds(900), NOW.plusSeconds(300)));
                assertEquals(0, rows(db, "short"), "expired");
                assertEquals(1, rows(db, "long"), "still needed");
                assertEquals(1, rows(db, "later"));
            }
        }
    }
}
