package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestClients;
import org.waymark.api.TestServer;
import org.waymark.api.auth.TrustedClients;
import org.waymark.api.server.ServerSettings;

/** A production start needs an https public URL to compare aud with, and https key and FHIR URLs; development mode may use http. */
class ProductionStartTest {
    @TempDir
    Path dir;

    private ServerSettings settings(boolean dev, List<String> publicUrls) throws Exception {
        Path clients = TestClients.write(dir, "", "", "").file;
        return new ServerSettings(ServerSettings.Network.onPort(0), new ServerSettings.Sources(TestServer.rules(), dir, Map.of()),
                ServerSettings.Store.embedded(dir), new ServerSettings.Clients(Optional.of(clients), publicUrls, dev), ServerSettings.Limits.DEFAULTS,
                ServerSettings.Cors.NONE, List.of(), Clock.systemUTC());
    }

    @Test
    void aProductionStartWithoutAPublicUrlIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(false, List.of()));
        assertTrue(e.getMessage().contains("--public-url") && e.getMessage().contains("Host header"), e.getMessage());
        assertDoesNotThrow(() -> settings(false, List.of("https://cds.example.org")));
    }

    @Test
    void aPublicUrlMustBeHttpsOutsideDevelopmentMode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(false, List.of("http://cds.example.org")));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertDoesNotThrow(() -> settings(true, List.of("http://localhost:8080")));
    }

    @Test
    void plainHttpKeyAndFhirUrlsAreRefusedOutsideDevelopmentMode() throws Exception {
        Path file = TestClients.write(dir, "", "    jku: [http://ehr.example.org/jwks.json]\n    fhirServers: [http://fhir.example.org/r4]\n", "").file;
        IOException e = assertThrows(IOException.class, () -> TrustedClients.load(file, false));
        assertTrue(e.getMessage().contains("http://ehr.example.org/jwks.json must be https"), e.getMessage());
        assertTrue(e.getMessage().contains("http://fhir.example.org/r4 must be https"), e.getMessage());
        assertEquals(1, TrustedClients.load(file, true).client(TestClients.ISS).orElseThrow().fhirServers().size());
    }

    @Test
    void onlyTheFourSpecAlgorithmsMayBeConfigured() throws Exception {
        Path file = TestClients.write(dir, "", "    algorithms: [ES256, HS256]\n", "").file;
        IOException e = assertThrows(IOException.class, () -> TrustedClients.load(file, false));
        assertTrue(e.getMessage().contains("only ES384, RS384, ES256 and RS256"), e.getMessage());
        Files.writeString(file, Files.readString(file).replace("HS256", "RS256"));
        assertEquals(2, TrustedClients.load(file, false).client(TestClients.ISS).orElseThrow().algorithms().size());
    }
}
