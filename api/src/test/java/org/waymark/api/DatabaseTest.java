package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
}
