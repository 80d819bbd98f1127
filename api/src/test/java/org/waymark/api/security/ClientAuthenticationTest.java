package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.fixtures.CdsHooksRequests;

/**
 * Every JWT failure case is a 401 with the Bearer challenge and CORS headers; valid ES384 and RS384 tokens
 * are accepted, addressed to any configured public URL; aud built from the Host header is refused; kid and
 * typ are required; ES256 only for a client configured for it; lifetimes over 5 minutes are refused.
 */
class ClientAuthenticationTest {
    static final String ISS = "https://ehr.example.org";
    private static final String ISS_256 = "https://p256.example.org";
    private static final String ORIGIN = "https://ehr-app.example.org";
    private static final String PATH = "/cds-services/proactive-care";
    private static final String BODY = CdsHooksRequests.fixture("frail-patient-view.json");
    private static ECKey ec;
    private static RSAKey rsa;
    private static ECKey stranger;
    private static ECKey p256;
    private static TestServer server;
    private static final String AUD = TestServer.aud(PATH);

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        stranger = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        p256 = new ECKeyGenerator(Curve.P_256).keyID("p256-1").generate();
        Files.writeString(dir.resolve("ehr.jwks.json"), new JWKSet(List.of(ec.toPublicJWK(), rsa.toPublicJWK(), p256.toPublicJWK())).toString());
        Files.writeString(dir.resolve("p256.jwks.json"), new JWKSet(p256.toPublicJWK()).toString());
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - iss: " + ISS + "\n    jwks: ehr.jwks.json\n"
                + "  - iss: " + ISS_256 + "\n    jwks: p256.jwks.json\n    algorithms: [ES256]\n");
        // A long deadline: this class tests authentication, not latency, and CI machines are loaded.
        server = TestServer.start(TestServer.rules(), Map.of(), Optional.of(dir.resolve("clients.yaml")), Optional.empty(),
                Duration.ofSeconds(60), List.of(ORIGIN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(JWSAlgorithm alg, JWSSigner signer, String kid, String iss, String audience, Instant exp, String jti) throws Exception {
        return sign(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims(iss, audience, exp, jti), signer);
    }

    private static JWTClaimsSet claims(String iss, String audience, Instant exp, String jti) {
        return new JWTClaimsSet.Builder().issuer(iss).audience(audience).expirationTime(Date.from(exp))
                .issueTime(Date.from(TestServer.NOW)).jwtID(jti).build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String valid(String jti) throws Exception {
        return token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, AUD, TestServer.NOW.plusSeconds(300), jti);
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static HttpResponse<String> call(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(PATH))).header("Content-Type", "application/json")
                .header("Origin", ORIGIN).POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void refused(String token) throws Exception {
        HttpResponse<String> r = call(token);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("", r.body(), "a bare 401");
        assertEquals(Optional.of("Bearer error=\"invalid_token\""), r.headers().firstValue("WWW-Authenticate"));
        assertEquals(Optional.of(ORIGIN), r.headers().firstValue("Access-Control-Allow-Origin"), "CORS headers on the 401 too");
    }

    @Test
    void validEs384AndRs384TokensAreAccepted() throws Exception {
        assertEquals(200, call(valid(fresh())).statusCode());
        String rs = token(JWSAlgorithm.RS384, new RSASSASigner(rsa), "rsa-1", ISS, AUD, TestServer.NOW.plusSeconds(300), fresh());
        HttpResponse<String> r = call(rs);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("proactive-care.frailty-review"));
        assertEquals(Optional.of(ORIGIN), r.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void everyConfiguredPublicUrlIsAnAcceptedAudience() throws Exception {
        String second = TestServer.PUBLIC_URLS.get(1) + PATH;
        assertEquals(200, call(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, second, TestServer.NOW.plusSeconds(300), fresh()))
                .statusCode());
    }

    @Test
    void anAudienceBuiltFromTheHostHeaderIsRefused() throws Exception {
        // What the server would have expected had it trusted the Host header: its own URL as called.
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, server.url(PATH), TestServer.NOW.plusSeconds(300), fresh()));
    }

    @Test
    void noTokenIsRefused() throws Exception {
        refused(null);
    }

    @Test
    void missingKidIsRefused() throws Exception {
        refused(sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).build(),
                claims(ISS, AUD, TestServer.NOW.plusSeconds(300), fresh()), new ECDSASigner(ec)));
    }

    @Test
    void missingOrWrongTypIsRefused() throws Exception {
        refused(sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ec-1").build(),
                claims(ISS, AUD, TestServer.NOW.plusSeconds(300), fresh()), new ECDSASigner(ec)));
        refused(sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ec-1").type(JOSEObjectType.JOSE).build(),
                claims(ISS, AUD, TestServer.NOW.plusSeconds(300), fresh()), new ECDSASigner(ec)));
    }

    @Test
    void es256IsAcceptedOnlyFromAClientConfiguredForIt() throws Exception {
        refused(token(JWSAlgorithm.ES256, new ECDSASigner(p256), "p256-1", ISS, AUD, TestServer.NOW.plusSeconds(300), fresh()));
        assertEquals(200, call(token(JWSAlgorithm.ES256, new ECDSASigner(p256), "p256-1", ISS_256, AUD, TestServer.NOW.plusSeconds(300), fresh()))
                .statusCode());
    }

    @Test
    void aLifetimeOverFiveMinutesIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, AUD, TestServer.NOW.plusSeconds(301), fresh()));
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, AUD, TestServer.NOW.plus(Duration.ofDays(3650)), fresh()));
        assertEquals(200, call(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, AUD, TestServer.NOW.plusSeconds(300), fresh()))
                .statusCode(), "exactly 5 minutes is allowed");
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(stranger), "ec-1", ISS, AUD, TestServer.NOW.plusSeconds(300), fresh()));
    }

    @Test
    void unknownIssuerIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", "https://evil.example", AUD, TestServer.NOW.plusSeconds(300), fresh()));
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, TestServer.aud("/cds-services/carers"), TestServer.NOW.plusSeconds(300),
                fresh()));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, AUD, TestServer.NOW.minusSeconds(600), fresh()));
    }

    @Test
    void replayedJtiIsRefused() throws Exception {
        String jti = fresh();
        assertEquals(200, call(valid(jti)).statusCode());
        refused(valid(jti));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        refused(new PlainJWT(claims(ISS, AUD, TestServer.NOW.plusSeconds(300), fresh())).serialize());
    }

    @Test
    void hs256IsRefused() throws Exception {
        refused(token(JWSAlgorithm.HS256, new MACSigner("a-shared-secret-that-is-at-least-256-bits-long!!"), "ec-1", ISS, AUD,
                TestServer.NOW.plusSeconds(300), fresh()));
    }

    @Test
    void everyRefusalIsAuditedWithItsReasonAndNoToken() throws Exception {
        String bad = token(JWSAlgorithm.ES384, new ECDSASigner(stranger), "ec-1", ISS, AUD, TestServer.NOW.plusSeconds(300), "audited-jti");
        refused(bad);
        var refusals = server.server().auditTrail().recent(50).stream().filter(e -> e.status() == 401).toList();
        assertTrue(refusals.stream().anyMatch(e -> e.detail().orElse("").equals("client authentication: bad signature")
                && e.outcome().equals("4xx") && e.service().orElse("").equals("proactive-care")), refusals.toString());
        assertTrue(refusals.stream().noneMatch(e -> e.toString().contains(bad.substring(0, 30))), "the token is not kept");
    }

    @Test
    void feedbackNeedsAToken() throws Exception {
        HttpResponse<String> r = server.post(PATH + "/feedback", "{\"feedback\":[]}");
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(Optional.of("Bearer error=\"invalid_token\""), r.headers().firstValue("WWW-Authenticate"));
    }

    @Test
    void discoveryNeedsNoToken() throws Exception {
        assertEquals(200, server.get("/cds-services").statusCode());
    }
}
