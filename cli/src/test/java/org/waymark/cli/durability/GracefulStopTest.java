package org.waymark.cli.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestClients;
import org.waymark.api.TestServer;
import org.waymark.api.store.Database;
import org.waymark.fixtures.Folders;

/**
 * SIGTERM stops taking calls, answers and audits the calls in flight, flushes the audit trail, closes
 * the store and exits; a call that does not finish within the grace period does not keep the server up. The calls
 * are held in flight deterministically: they fetch the record from a FHIR server that answers only once the server
 * under test has logged that it is stopping.
 */
@Tag("process")
class GracefulStopTest {
    private static final int IN_FLIGHT = 3;

    /**
     * A trusted client whose FHIR server is allow-listed: Waymark fetches only from a calling client's own listed
     * servers (plain HTTP only in development mode), so the held fetch needs a real client identity.
     */
    private static TestClients client(Path dir, String fhir) throws Exception {
        return TestClients.write(dir, "", "    fhirServers: [" + fhir + "]\n", "");
    }

    private static ServerProcess start(Path data, TestClients client, String grace) throws Exception {
        return ServerProcess.start(data, "--clients", client.file.toString(), "--public-url", TestServer.PUBLIC_URLS.get(0),
                "--shutdown-grace", grace);
    }

    /** The process runs on the real clock, so its token is minted now (not at the tests' fixed instant). */
    private static String token(TestClients client) throws Exception {
        java.util.Date now = new java.util.Date();
        return TestClients.sign(TestClients.header(com.nimbusds.jose.JWSAlgorithm.ES384, "ec-1").build(),
                TestClients.claims("/cds-services/proactive-care").issueTime(now).expirationTime(new java.util.Date(now.getTime() + 240_000)).build(),
                new com.nimbusds.jose.crypto.ECDSASigner(client.key));
    }

    private static CompletableFuture<HttpResponse<String>> call(HttpClient http, ServerProcess server, TestClients client, String fhir,
                                                                String hookInstance) throws Exception {
        String body = "{\"hookInstance\":\"" + hookInstance + "\",\"hook\":\"patient-view\",\"fhirServer\":\"" + fhir + "\","
                + "\"fhirAuthorization\":{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"user/Patient.read user/Observation.read\",\"subject\":\"cds-service\"},"
                + "\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\"held-1\"}}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/cds-services/proactive-care"))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(client))
                .timeout(Duration.ofSeconds(180)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sigtermAnswersAndAuditsTheCallsInFlightThenExits() throws Exception {
        Path data = Folders.temporary("waymark-sigterm");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> hookInstances = new ArrayList<>();
        try (HeldFhirServer fhir = new HeldFhirServer()) {
            TestClients client = client(Folders.temporary("waymark-clients"), fhir.baseUrl());
            try (ServerProcess server = start(data, client, "PT60S")) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                hookInstances.add("in-flight-" + UUID.randomUUID());
                calls.add(call(http, server, client, fhir.baseUrl(), hookInstances.get(i)));
            }
            assertTrue(fhir.awaitFirstFetch(120), "a call is in flight");
            server.terminate();
            server.awaitLine(Pattern.compile("stopping: no new calls"), 60);
            fhir.release();
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get();
                assertEquals(200, r.statusCode(), "a call in flight at SIGTERM is answered: " + r.body());
            }
            server.awaitLine(Pattern.compile("stopped: audit entries and token ids committed, store closed"), 120);
            assertTrue(server.awaitExit(60), "the server exits once the calls are done");
            }
        }
        try (Database db = Database.embedded(data); Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE hook_instance = ? AND outcome = 'ok'")) {
            for (String hookInstance : hookInstances) {
                ps.setString(1, hookInstance);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "audited: " + hookInstance);
                }
            }
        }
    }

    @Test
    void aCallThatNeverFinishesDoesNotKeepTheServerUpPastTheGracePeriod() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (HeldFhirServer fhir = new HeldFhirServer()) {
            TestClients client = client(Folders.temporary("waymark-clients"), fhir.baseUrl());
            try (ServerProcess server = start(Folders.temporary("waymark-sigterm-stuck"), client, "PT1S")) {
            CompletableFuture<HttpResponse<String>> stuck = call(http, server, client, fhir.baseUrl(), "never-finished-" + UUID.randomUUID());
            assertTrue(fhir.awaitFirstFetch(120), "the call is in flight");
            server.terminate();
            server.awaitLine(Pattern.compile("stopped: audit entries and token ids committed, store closed"), 120);
            assertTrue(server.awaitExit(60), "the grace period bounds the stop");
            stuck.cancel(true);
            }
        }
    }
}
