package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.store.Database;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDatabaseMigratesAndSurvivesReopening() throws Exception {
        assertEquals("h2", Database.embedded(dir).kind());
        Database again = Database.embedded(dir);
        try (Connection c = again.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM waymark_store")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "migrations ran once, not on every open");
        }
    }

    @Test
    void aStoreThatFailsValidationIsRefusedAndLeftClosed() throws Exception {
        Database.embedded(dir).close();
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("waymark");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '1'");
        }
        assertThrows(FlywayException.class, () -> Database.embedded(dir));
        // Flyway validates through the pool: on its refusal the pool is closed, so our connection is the store's only session.
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet sessions = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            assertTrue(sessions.next());
            assertEquals(1, sessions.getInt(1), "the refused store's connection pool was left open");
        }
    }
}
