package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.http.Json;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;
import org.waymark.fixtures.SyntheticPatients;

/**
 * Absent prefetch is fetched from the client's allow-listed fhirServer with its token, in parallel and
 * following paging; a server not on the client's allow-list is never contacted; no token means no call;
 * a stalled server still gets an answer (412) before the deadline; partial results give no cards.
 * Development mode lets the in-process FHIR servers use plain http; production requires https.
 */
class FhirServerFetchTest {
    private static final String TOKEN = "some-opaque-access-token";
    /** Long enough for a loaded CI machine to fetch a whole record; a stalled server is given up on at 3/4 of it. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static InProcessFhirServer fhir;
    private static InProcessFhirServer notAllowed;
    private static StalledServer stalled;
    private static TestClients clients;
    private static TestServer server;

    @TempDir
    static Path dir;

    /** Accepts connections and never answers. */
    static final class StalledServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        StalledServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "stalled-fhir-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/fhir";
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        fhir = new InProcessFhirServer(List.of());
        notAllowed = new InProcessFhirServer(SyntheticPatients.frail().resources());
        stalled = new StalledServer();
        clients = TestClients.write(dir, "", "    fhirServers: [" + fhir.baseUrl() + ", " + stalled.baseUrl() + "/, http://localhost:1/fhir]\n", "");
        server = TestServer.start(TestServer.rules(), Map.of(), Optional.of(clients.file), Optional.empty(), DEADLINE, List.of(), true);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        fhir.close();
        notAllowed.close();
        stalled.close();
    }

    private static ObjectNode withoutPrefetch(PatientBuilder patient, String fhirServer) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree("{\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"hook\":\"patient-view\","
                + "\"fhirServer\":\"" + fhirServer + "\",\"fhirAuthorization\":{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":300,\"scope\":\"user/Patient.read user/Observation.read\",\"subject\":\"cds-service\"},"
                + "\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\"" + patient.id() + "\"}}");
    }

    private static HttpResponse<String> call(String service, Object body) throws Exception {
        String path = "/cds-services/" + service;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + clients.token(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> codes(HttpResponse<String> r) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            out.add(card.path("source").path("topic").path("code").asText());
        }
        return out.stream().sorted().toList();
    }

    private static void assert412(HttpResponse<String> r, String... keys) throws Exception {
        assertEquals(412, r.statusCode(), r.body());
        JsonNode outcome = TestServer.json(r);
        assertEquals("OperationOutcome", outcome.path("resourceType").asText());
        assertEquals("incomplete", outcome.path("issue").get(0).path("code").asText());
        for (String key : keys) {
            assertTrue(r.body().contains(key), "names the key " + key + ": " + r.body());
        }
        assertFalse(r.body().contains("\"cards\""), "no cards");
    }

    @Test
    void noPrefetchGivesTheSameCardsAsFullPrefetchAndSendsTheToken() throws Exception {
        PatientBuilder patient = SyntheticPatients.complexCareHomeResident();
        fhir.serve(patient.resources());
        fhir.authorizations.clear();
        HttpResponse<String> fetched = call("neighbourhood-care", withoutPrefetch(patient, fhir.baseUrl()));
        HttpResponse<String> prefetched = call("neighbourhood-care", CdsHooksRequests.patientView(patient));
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertFalse(codes(fetched).isEmpty());
        assertEquals(codes(prefetched), codes(fetched));
        assertTrue(fhir.authorizations.size() >= 11, "every prefetch key was fetched: " + fhir.authorizations.size());
        assertTrue(fhir.authorizations.stream().allMatch(("Bearer " + TOKEN)::equals), fhir.authorizations.toString());
    }

    @Test
    void pagingIsFollowed() throws Exception {
        PatientBuilder patient = PatientBuilder.patient("paged").born("1940-01-01").female();
        for (int i = 0; i < 10; i++) {
            patient.medication("3178960" + (10 + i), "Synthetic repeat medicine " + i, "2026-01-05");
        }
        fhir.serve(patient.resources());
        HttpResponse<String> r = call("proactive-care", withoutPrefetch(patient, fhir.baseUrl()));
        assertEquals(List.of("proactive-care.medication-review"), codes(r), "all 10 medicines arrive over 5 pages of 2: " + r.body());
    }

    @Test
    void serverDownIs412WithAnOperationOutcome() throws Exception {
        assert412(call("proactive-care", withoutPrefetch(SyntheticPatients.frail(), "http://localhost:1/fhir")), "patient", "observations");
    }

    @Test
    void aServerNotOnTheClientsAllowListIsNeverContacted() throws Exception {
        HttpResponse<String> r = call("proactive-care", withoutPrefetch(SyntheticPatients.frail(), notAllowed.baseUrl()));
        assert412(r, "patient", "allow-list");
        assertEquals(0, notAllowed.requests.get(), "no request reached the server that is not allow-listed");
    }

    @Test
    void noAccessTokenMeansNoCallAnd412NamingTheKeys() throws Exception {
        PatientBuilder patient = SyntheticPatients.frail();
        fhir.serve(patient.resources());
        int before = fhir.requests.get();
        ObjectNode request = withoutPrefetch(patient, fhir.baseUrl());
        request.remove("fhirAuthorization");
        assert412(call("proactive-care", request), "patient", "conditions", "observations", "fhirAuthorization");
        assertEquals(before, fhir.requests.get(), "the FHIR server was not called");
    }

    @Test
    void aPatientIdThatIsNotAFhirIdIsRefusedBeforeAnyCall() throws Exception {
        int before = fhir.requests.get();
        ObjectNode request = withoutPrefetch(SyntheticPatients.frail(), fhir.baseUrl());
        ((ObjectNode) request.get("context")).put("patientId", "x/../../Patient?_count=1000");
        HttpResponse<String> r = call("proactive-care", request);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("context.patientId"), r.body());
        assertEquals(before, fhir.requests.get());
    }

    @Test
    void aStalledServerStillGetsAnAnswerBeforeTheDeadline() throws Exception {
        HttpResponse<String> r = call("proactive-care", withoutPrefetch(SyntheticPatients.frail(), stalled.baseUrl()));
        assert412(r, "patient", "observations");
        assertTrue(stalled.connections.get() > 0, "the stalled server was asked");
    }

    @Test
    void anOperationOutcomeInPrefetchIsFetchedInstead() throws Exception {
        PatientBuilder patient = SyntheticPatients.frail();
        fhir.serve(patient.resources());
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(CdsHooksRequests.patientView(patient));
        ((ObjectNode) tree.get("prefetch")).set("observations",
                Json.MAPPER.readTree("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}"));
        tree.put("fhirServer", fhir.baseUrl());
        tree.set("fhirAuthorization", Json.MAPPER.readTree("{\"access_token\":\"" + TOKEN
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"user/*.read\",\"subject\":\"cds\"}"));
        HttpResponse<String> r = call("proactive-care", tree);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("proactive-care.frailty-review"), codes(r), "the eFI came from the FHIR server");
    }

    @Test
    void aPrefetchBundleWithAnOperationOutcomeIsPartialAndGivesNoCards() throws Exception {
        PatientBuilder patient = SyntheticPatients.frail();
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(CdsHooksRequests.patientView(patient));
        ObjectNode observations = (ObjectNode) tree.get("prefetch").get("observations");
        ArrayNode entries = observations.withArray("entry");
        entries.add(Json.MAPPER.readTree("{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\","
                + "\"code\":\"incomplete\",\"diagnostics\":\"results truncated\"}]},\"search\":{\"mode\":\"outcome\"}}"));
        HttpResponse<String> complete = call("proactive-care", CdsHooksRequests.patientView(patient));
        assertEquals(List.of("proactive-care.frailty-review"), codes(complete), "the same data without the OperationOutcome gives a card");
        assert412(call("proactive-care", tree), "observations");
    }
}
