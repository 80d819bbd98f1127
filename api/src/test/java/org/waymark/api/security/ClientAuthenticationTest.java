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

/** Issue 4/6 acceptance 3: every JWT failure case is a 401; valid ES384 and RS384 tokens are accepted. */
class ClientAuthenticationTest {
    static final String ISS = "https://ehr.example.org";
    private static final String BODY = CdsHooksRequests.fixture("frail-patient-view.json");
    private static ECKey ec;
    private static RSAKey rsa;
    private static ECKey stranger;
    private static TestServer server;
    private static String aud;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        stranger = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        Files.writeString(dir.resolve("ehr.jwks.json"), new JWKSet(List.of(ec.toPublicJWK(), rsa.toPublicJWK())).toString());
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - iss: " + ISS + "\n    jwks: ehr.jwks.json\n");
        server = TestServer.start(TestServer.rules(), Map.of(), Optional.of(dir.resolve("clients.yaml")), Optional.empty());
        aud = server.url("/cds-services/proactive-care");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String token(JWSAlgorithm alg, JWSSigner signer, String kid, String iss, String audience, Instant exp, String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss).audience(audience).expirationTime(Date.from(exp))
                .issueTime(Date.from(TestServer.NOW)).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String valid(String jti) throws Exception {
        return token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, aud, TestServer.NOW.plusSeconds(300), jti);
    }

    private static HttpResponse<String> call(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(aud)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void refused(String token) throws Exception {
        HttpResponse<String> r = call(token);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("", r.body(), "a bare 401");
    }

    @Test
    void validEs384AndRs384TokensAreAccepted() throws Exception {
        assertEquals(200, call(valid(UUID.randomUUID().toString())).statusCode());
        String rs = token(JWSAlgorithm.RS384, new RSASSASigner(rsa), "rsa-1", ISS, aud, TestServer.NOW.plusSeconds(300), UUID.randomUUID().toString());
        HttpResponse<String> r = call(rs);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("proactive-care.frailty-review"));
    }

    @Test
    void noTokenIsRefused() throws Exception {
        refused(null);
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(stranger), "ec-1", ISS, aud, TestServer.NOW.plusSeconds(300), UUID.randomUUID().toString()));
    }

    @Test
    void unknownIssuerIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", "https://evil.example", aud, TestServer.NOW.plusSeconds(300),
                UUID.randomUUID().toString()));
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, server.url("/cds-services/carers"), TestServer.NOW.plusSeconds(300),
                UUID.randomUUID().toString()));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        refused(token(JWSAlgorithm.ES384, new ECDSASigner(ec), "ec-1", ISS, aud, TestServer.NOW.minusSeconds(600), UUID.randomUUID().toString()));
    }

    @Test
    void replayedJtiIsRefused() throws Exception {
        String jti = UUID.randomUUID().toString();
        assertEquals(200, call(valid(jti)).statusCode());
        refused(valid(jti));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISS).audience(aud).expirationTime(Date.from(TestServer.NOW.plusSeconds(300)))
                .issueTime(Date.from(TestServer.NOW)).jwtID(UUID.randomUUID().toString()).build();
        refused(new PlainJWT(claims).serialize());
    }

    @Test
    void hs256IsRefused() throws Exception {
        refused(token(JWSAlgorithm.HS256, new MACSigner("a-shared-secret-that-is-at-least-256-bits-long!!"), "ec-1", ISS, aud,
                TestServer.NOW.plusSeconds(300), UUID.randomUUID().toString()));
    }

    @Test
    void everyRefusalIsAuditedWithItsReasonAndNoToken() throws Exception {
        String bad = token(JWSAlgorithm.ES384, new ECDSASigner(stranger), "ec-1", ISS, aud, TestServer.NOW.plusSeconds(300), "audited-jti");
        refused(bad);
        var refusals = server.server().auditTrail().recent(50).stream().filter(e -> e.status() == 401).toList();
        assertTrue(refusals.stream().anyMatch(e -> e.detail().orElse("").equals("client authentication: bad signature")
                && e.outcome().equals("4xx") && e.service().orElse("").equals("proactive-care")), refusals.toString());
        assertTrue(refusals.stream().noneMatch(e -> e.toString().contains(bad.substring(0, 30))), "the token is not kept");
    }

    @Test
    void discoveryNeedsNoToken() throws Exception {
        assertEquals(200, server.get("/cds-services").statusCode());
    }
}
