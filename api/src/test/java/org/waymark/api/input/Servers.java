package org.waymark.api.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.waymark.api.TestServer;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.ServerSettings;
import org.waymark.api.server.WaymarkServer;
import org.waymark.fixtures.Folders;

/** Development-mode servers on the repository's rules for these tests, started on a chosen endpoint. */
final class Servers {
    private Servers() {
    }

    static ServerSettings settings(Path rulesDir, Path dataDir, Map<String, String> adminTokens) {
        Path pathways = TestServer.rules().resolveSibling("pathways").resolve("definitions");
        return new ServerSettings(ServerSettings.Network.onPort(0), new ServerSettings.Sources(rulesDir, pathways, Map.of()),
                ServerSettings.Store.embedded(dataDir), ServerSettings.Clients.development(), ServerSettings.Limits.DEFAULTS,
                ServerSettings.Cors.NONE, org.waymark.api.admin.AdminIdentity.operators(adminTokens), Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
    }

    static WaymarkServer start(Endpoint endpoint) {
        return WaymarkServer.create(settings(TestServer.rules(), temporaryFolder(), Map.of())).start(endpoint);
    }

    static Path temporaryFolder() {
        try {
            return Folders.temporary("waymark-input-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
