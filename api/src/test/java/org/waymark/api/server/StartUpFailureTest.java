package org.waymark.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.admin.AdminIdentity;

/** The store opens beside the rule sets' loading: a failure of either still fails the start, and leaves no store open. */
class StartUpFailureTest {
    @TempDir
    Path dir;

    @Test
    void aMissingRulesFolderFailsTheStartAndClosesTheStoreOpenedBesideIt() throws Exception {
        Path data = dir.resolve("data");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WaymarkServer.create(settings(dir.resolve("no-rules"), data)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        // A connection of our own opens the store again: its sessions are ours alone when the server's pool is closed.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("waymark"), "sa", "");
             ResultSet sessions = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            assertTrue(sessions.next());
            assertEquals(1, sessions.getInt(1), "the store opened beside the rule sets was left open");
        }
    }

    @Test
    void aStoreThatCannotOpenFailsTheStart() throws Exception {
        Path data = Files.writeString(dir.resolve("a-file"), "not a folder");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WaymarkServer.create(settings(TestServer.rules(), data)));
        assertTrue(e.getMessage().startsWith("cannot create data folder"), e.getMessage());
    }

    private static ServerSettings settings(Path rules, Path data) {
        return new ServerSettings(ServerSettings.Network.onPort(0),
                new ServerSettings.Sources(rules, TestServer.rules().resolveSibling("pathways").resolve("definitions"), Map.of()),
                ServerSettings.Store.embedded(data), ServerSettings.Clients.development(), ServerSettings.Limits.DEFAULTS,
                ServerSettings.Cors.NONE, AdminIdentity.operators(Map.of()), Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
    }
}
