package org.waymark.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.WaymarkServer;
import org.waymark.engine.privacy.PatientKeys;
import org.waymark.fixtures.CdsHooksRequests;

/** The data folder is 0700, pseudonym.key and the H2 files 0600, and H2 writes no trace file. */
class DataFilesTest {
    @Test
    void aFreshDataFolderHoldsOnlyOwnerReadableFilesAndNoTrace() throws Exception {
        Path data = Servers.temporaryFolder().resolve("data");
        WaymarkServer server = WaymarkServer.create(Servers.settings(TestServer.rules(), data, Map.of()))
                .start(Endpoint.http(Endpoint.LOOPBACK, 0));
        try {
            // A call that is audited, so the store has written request-derived rows.
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/cds-services/proactive-care")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CdsHooksRequests.fixture("frail-patient-view.json"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        } finally {
            server.stop();
        }
        assertEquals("rwx------", permissions(data));
        assertEquals("rw-------", permissions(data.resolve("pseudonym.key")));
        List<Path> files;
        try (Stream<Path> list = Files.list(data)) {
            files = list.toList();
        }
        assertTrue(files.contains(data.resolve("waymark.mv.db")), files.toString());
        for (Path f : files) {
            assertFalse(f.getFileName().toString().endsWith(".trace.db"), "no H2 trace file: " + files);
            if (f.getFileName().toString().startsWith("waymark.mv")) {
                assertEquals("rw-------", permissions(f), f.toString());
            }
        }
    }

    @Test
    void aPseudonymKeyLeftWorldReadableIsTightened() throws Exception {
        Path data = Servers.temporaryFolder();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = data.resolve("pseudonym.key");
        Files.writeString(key, "00".repeat(32));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        PatientKeys.forInstallation(data, java.util.Optional.empty());
        assertEquals("rw-------", permissions(key));
        assertEquals("rwx------", permissions(data));
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
