package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.SyntheticPatients;

/**
 * Privacy: everything the server logs while answering, refusing and failing calls
 * for a named patient with an NHS number carries no NHS number, name or token. That includes the
 * access log, one {@code waymark.access} line per call with its hookInstance, service, status and latency.
 */
class LogPrivacyTest {
    @TempDir
    Path dir;

    @Test
    void logsCarryNoNhsNumberNameOrToken() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_384).keyID("k").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(ec.toPublicJWK())).toString());
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - iss: " + ClientAuthenticationTest.ISS + "\n    jwks: jwks.json\n");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String token;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        // A generous deadline: a loaded machine's first call must still be answered, so its access line is the 200 one.
        try (TestServer server = TestServer.start(TestServer.rules(), Map.of(), Optional.of(dir.resolve("clients.yaml")), Optional.empty(),
                Duration.ofMinutes(1), List.of())) {
            String url = server.url("/cds-services/neighbourhood-care");
            String aud = TestServer.aud("/cds-services/neighbourhood-care");
            token = ClientAuthenticationTest.token(JWSAlgorithm.ES384, new ECDSASigner(ec), "k", ClientAuthenticationTest.ISS, aud,
                    TestServer.NOW.plusSeconds(300), "jti-1");
            String body = CdsHooksRequests.patientView(SyntheticPatients.complexCareHomeResident());
            HttpClient http = HttpClient.newHttpClient();
            for (String t : new String[] {token, token, "not-a-jwt", null}) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                if (t != null) {
                    b.header("Authorization", "Bearer " + t);
                }
                http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            String wrongPatient = body.replace("\"patientId\":\"complex-1\"", "\"patientId\":\"someone-else\"");
            http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ClientAuthenticationTest.token(JWSAlgorithm.ES384,
                    new ECDSASigner(ec), "k", ClientAuthenticationTest.ISS, aud, TestServer.NOW.plusSeconds(300), "jti-2"))
                    .POST(HttpRequest.BodyPublishers.ofString(wrongPatient)).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("Waymark listening"), "the server's log was captured");
        assertFalse(logs.contains("9434765919"), "NHS number in logs");
        assertFalse(logs.contains("Edith") || logs.contains("Testperson"), "patient name in logs");
        assertFalse(logs.contains("complex-1"), "patient id in logs");
        assertFalse(logs.contains(token) || logs.contains(token.substring(0, 40)), "token in logs");
        String jtiHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("jti-1".getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        assertTrue(logs.contains("refused a CDS client call: reason=replayed issuer=" + ClientAuthenticationTest.ISS + " jti-sha256=" + jtiHash),
                "the replay is logged with issuer and jti hash");
        assertTrue(logs.contains("reason=malformed") && logs.contains("reason=no_bearer_token"), "each refusal is logged with its reason");
        assertFalse(logs.contains("jti-1 ") || logs.contains("=jti-1"), "the jti itself is not logged");

        List<String> access = logs.lines().filter(l -> l.contains(" waymark.access - ")).toList();
        assertEquals(5, access.size(), "one access line per call: " + access);
        assertTrue(access.stream().allMatch(l -> l.contains("service=neighbourhood-care") && l.matches(".* latencyMs=[0-9.]+ .*")), access.toString());
        String hookInstance = UUID.nameUUIDFromBytes("complex-1".getBytes(StandardCharsets.UTF_8)).toString();
        assertTrue(access.get(0).contains("status=200") && access.get(0).contains("hookInstance=" + hookInstance)
                && access.get(0).contains("client=" + ClientAuthenticationTest.ISS), access.get(0));
        assertEquals(3, access.stream().filter(l -> l.contains("status=401") && l.contains("client=-")).count(), access.toString());
    }
}
