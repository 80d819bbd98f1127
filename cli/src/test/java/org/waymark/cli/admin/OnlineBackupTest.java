package org.waymark.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.store.Database;
import org.waymark.api.store.StoreBackup;
import org.waymark.cli.Cli;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.SyntheticPatients;

/** A consistent backup of the embedded store while the server serves, restored into a fresh store. */
class OnlineBackupTest {
    private static final String TOKEN = "backup-test-token";

    @TempDir
    Path dir;

    @Test
    void backupUnderARunningServerRestoresIntoAFreshStoreWithItsRows() throws Exception {
        Files.writeString(dir.resolve("token"), TOKEN);
        String frail = CdsHooksRequests.patientView(SyntheticPatients.frail());
        Path zip = dir.resolve("backup.zip");
        int answeredBefore = 3;
        try (TestServer server = TestServer.start(TestServer.rules(), Map.of("operator", AdminAuth.sha256(TOKEN)), Optional.empty(),
                Optional.empty(), Duration.ofMinutes(1), List.of())) {
            for (int i = 0; i < answeredBefore; i++) {
                assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode());
            }
                // Calls keep arriving while the backup runs (bounded: the loop stops when the backup is done, or after 200 calls).
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService load = Executors.newSingleThreadExecutor();
            Future<Integer> during = load.submit(() -> {
                int n = 0;
                while (!done.get() && n < 200) {
                    assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode());
                    n++;
                }
                return n;
            });
            Cli.Run backup = Cli.run("backup", "--out", zip.toString(), "--server", server.url(""), "--token-file", dir.resolve("token").toString());
            done.set(true);
            during.get();
            load.shutdown();
            assertEquals(0, backup.exit(), backup.out());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
            assertEquals(200, server.post("/cds-services/neighbourhood-care", frail).statusCode(), "the server still serves");
            assertEquals(2, Cli.run("backup", "--out", zip.toString(), "--server", server.url(""), "--token-file",
                    dir.resolve("token").toString()).exit(), "an existing backup is never overwritten");
        }

        Cli.Run restore = Cli.run("restore", "--from", zip.toString(), "--data", dir.resolve("restored").toString());
        assertEquals(0, restore.exit(), restore.out());
        Database restored = Database.embedded(dir.resolve("restored"));
        assertTrue(count(restored, "audit_event") >= answeredBefore, "the audit rows committed before the backup are in it");
        assertTrue(count(restored, "card_issued") >= answeredBefore, "and the cards those calls issued");
        assertThrows(IllegalArgumentException.class, () -> StoreBackup.restore(zip, dir.resolve("restored")), "never over an existing store");
    }

    @Test
    void aZipWithoutAStoreIsNotRestored() throws Exception {
        Path zip = dir.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("../evil.mv.db"));
            out.write(1);
            out.closeEntry();
        }
        assertThrows(IllegalArgumentException.class, () -> StoreBackup.restore(zip, dir.resolve("data")));
        assertTrue(Files.notExists(dir.resolve("evil.mv.db")));
    }

    private static long count(Database db, String table) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
