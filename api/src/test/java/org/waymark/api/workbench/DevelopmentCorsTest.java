package org.waymark.api.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.api.server.ServerSettings;

/** A developer can point the public CDS Hooks sandbox at Waymark in development mode, and only then. */
class DevelopmentCorsTest {
    private static ServerSettings settings(boolean devMode, List<String> origins) {
        return new ServerSettings(ServerSettings.Network.onPort(0), new ServerSettings.Sources(Path.of("rules"), Path.of("pathways"), Map.of()),
                new ServerSettings.Store(Path.of("data"), Optional.empty(), Optional.empty()),
                new ServerSettings.Clients(devMode ? Optional.empty() : Optional.of(Path.of("clients.yaml")),
                        devMode ? List.of() : List.of("https://waymark.example.org/cds-services"), devMode),
                ServerSettings.Limits.DEFAULTS, new ServerSettings.Cors(origins), List.of(), Clock.systemUTC());
    }

    @Test
    void theSandboxIsAllowedInDevelopmentModeOnly() {
        assertEquals(List.of("https://ehr.example.org", "https://sandbox.cds-hooks.org"),
                settings(true, List.of("https://ehr.example.org")).corsOrigins());
        assertEquals(List.of("https://ehr.example.org"), settings(false, List.of("https://ehr.example.org")).corsOrigins());
        assertEquals(List.of(), settings(false, List.of()).corsOrigins());
    }
}
