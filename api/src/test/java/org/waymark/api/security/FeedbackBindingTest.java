package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.api.store.Database;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * Feedback is idempotent (same card, outcome and client is one row; the repeat is 200), bound to the
 * client that received the card (another client's feedback on it is 404, as for a card never issued), and a
 * batch with unknown cards stores the known ones and names the unknown.
 */
class FeedbackBindingTest {
    private static final String EHR_A = "https://ehr-a.example.org";
    private static final String EHR_B = "https://ehr-b.example.org";
    private static final String SERVICE = "/cds-services/proactive-care";
    private static ECKey keyA;
    private static ECKey keyB;
    private static TestServer server;
    private static String url;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        keyA = new ECKeyGenerator(Curve.P_384).keyID("a-1").generate();
        keyB = new ECKeyGenerator(Curve.P_384).keyID("b-1").generate();
        Files.writeString(dir.resolve("a.jwks.json"), new JWKSet(keyA.toPublicJWK()).toString());
        Files.writeString(dir.resolve("b.jwks.json"), new JWKSet(keyB.toPublicJWK()).toString());
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - iss: " + EHR_A + "\n    jwks: a.jwks.json\n"
                + "  - iss: " + EHR_B + "\n    jwks: b.jwks.json\n");
        url = "jdbc:h2:file:" + dir.resolve("store");
        server = TestServer.start(TestServer.rules(), Map.of(), Optional.of(dir.resolve("clients.yaml")), Optional.of(url),
                java.time.Duration.ofSeconds(60), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> post(ECKey key, String iss, String path, String body) throws Exception {
        String token = ClientAuthenticationTest.token(JWSAlgorithm.ES384, new ECDSASigner(key), key.getKeyID(), iss, TestServer.aud(path),
                TestServer.NOW.plusSeconds(300), UUID.randomUUID().toString());
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String overridden(String card) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-24T10:06:00Z\"}";
    }

    private String cardFor(ECKey key, String iss) throws Exception {
        HttpResponse<String> answered = post(key, iss, SERVICE, CdsHooksRequests.fixture("frail-patient-view.json"));
        assertEquals(200, answered.statusCode(), answered.body());
        return TestServer.json(answered).path("cards").get(0).path("uuid").asText();
    }

    private static int feedbackRows(String card) throws Exception {
        try (Database db = Database.open(url, null, null); Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM card_feedback WHERE card_uuid = '" + card + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theSameFeedbackTwiceIsOneRowAndBothAre200() throws Exception {
        String card = cardFor(keyA, EHR_A);
        String body = "{\"feedback\":[" + overridden(card) + "]}";
        HttpResponse<String> first = post(keyA, EHR_A, SERVICE + "/feedback", body);
        HttpResponse<String> again = post(keyA, EHR_A, SERVICE + "/feedback", body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(1, TestServer.json(first).path("stored").asInt());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(0, TestServer.json(again).path("stored").asInt());
        assertEquals(1, TestServer.json(again).path("alreadyRecorded").asInt());
        // The same item twice in one batch is one row too; a different outcome on the card is a new row.
        String accepted = "{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\"s-1\"}],"
                + "\"outcomeTimestamp\":\"2026-11-24T10:07:00Z\"}";
        HttpResponse<String> mixed = post(keyA, EHR_A, SERVICE + "/feedback", "{\"feedback\":[" + overridden(card) + "," + accepted + "," + accepted + "]}");
        assertEquals(200, mixed.statusCode(), mixed.body());
        assertEquals(1, TestServer.json(mixed).path("stored").asInt());
        assertEquals(2, TestServer.json(mixed).path("alreadyRecorded").asInt());
        assertEquals(2, feedbackRows(card));
    }

    @Test
    void anotherClientsFeedbackOnTheCardIs404AndStoresNothing() throws Exception {
        String card = cardFor(keyA, EHR_A);
        HttpResponse<String> foreign = post(keyB, EHR_B, SERVICE + "/feedback", "{\"feedback\":[" + overridden(card) + "]}");
        assertEquals(404, foreign.statusCode(), foreign.body());
        JsonNode issue = TestServer.json(foreign).path("issue").get(0);
        assertEquals("feedback[0].card", issue.path("expression").get(0).asText());
        assertEquals(0, feedbackRows(card));
        // The receiving client's feedback on the same card is still taken.
        assertEquals(200, post(keyA, EHR_A, SERVICE + "/feedback", "{\"feedback\":[" + overridden(card) + "]}").statusCode());
        assertEquals(1, feedbackRows(card));
        // And the other client's own card stays its own.
        String cardB = cardFor(keyB, EHR_B);
        assertEquals(200, post(keyB, EHR_B, SERVICE + "/feedback", "{\"feedback\":[" + overridden(cardB) + "]}").statusCode());
    }

    @Test
    void unknownCardsInABatchAreNamedAndTheKnownAreStored() throws Exception {
        String card = cardFor(keyA, EHR_A);
        // The spec's own examples (CDS Hooks 2.0.1 §Feedback) name cards Waymark never issued.
        List<String> examples = List.of("21-feedback-accepted-with-acceptedSuggestions.json", "22-feedback-overridden-no-reason.json",
                "23-feedback-overridden-with-overrideReason-and-comment.json");
        StringBuilder batch = new StringBuilder("{\"feedback\":[");
        List<String> unknown = new java.util.ArrayList<>();
        for (String example : examples) {
            JsonNode item = org.waymark.api.http.Json.MAPPER.readTree(Files.readString(specExamples().resolve(example))).path("feedback").get(0);
            unknown.add(item.path("card").asText());
            batch.append(item).append(',');
        }
        batch.append(overridden(card)).append("]}");
        HttpResponse<String> r = post(keyA, EHR_A, SERVICE + "/feedback", batch.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = TestServer.json(r);
        assertEquals(1, body.path("stored").asInt());
        List<String> reported = new java.util.ArrayList<>();
        body.path("unknownCards").forEach(n -> reported.add(n.asText()));
        assertEquals(unknown, reported);
        assertEquals(1, feedbackRows(card));
        for (String u : unknown) {
            assertEquals(0, feedbackRows(u));
        }
        // A batch of only unknown cards (an example as published) is 404, naming the card.
        HttpResponse<String> none = post(keyA, EHR_A, SERVICE + "/feedback", Files.readString(specExamples().resolve(examples.get(1))));
        assertEquals(404, none.statusCode(), none.body());
        assertEquals("feedback[0].card", TestServer.json(none).path("issue").get(0).path("expression").get(0).asText());
    }

    private static Path specExamples() {
        return Path.of("src/test/resources/cds-hooks-spec-examples").toAbsolutePath();
    }
}
