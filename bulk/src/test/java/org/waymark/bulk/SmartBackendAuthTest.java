package org.waymark.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmartBackendAuthTest {
    private static final URI TOKEN_URL = URI.create("https://auth.example.nhs.uk/token");
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path tmp;

    /** A token endpoint that records each form and hands out numbered tokens valid for {@code lifetime} seconds. */
    private static final class Endpoint implements SmartBackendAuth.TokenEndpoint {
        final List<Map<String, String>> forms = new ArrayList<>();
        final long lifetime;

        Endpoint(long lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public Response post(URI url, String form) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : form.split("&")) {
                String[] kv = pair.split("=", 2);
                fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            forms.add(fields);
            return new Response(200, "{\"access_token\":\"token-" + forms.size() + "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetime + "}");
        }
    }

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theClientAssertionIsAnRs384JwtForTheTokenEndpoint() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("waymark-1").generate();
        Endpoint endpoint = new Endpoint(300);
        new SmartBackendAuth("waymark-export", key, TOKEN_URL, "system/*.read", Clock.fixed(NOW, ZoneOffset.UTC), endpoint).token();

        Map<String, String> form = endpoint.forms.get(0);
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("system/*.read", form.get("scope"));
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
        assertEquals(JWSAlgorithm.RS384, jwt.getHeader().getAlgorithm());
        assertEquals("waymark-1", jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey())));
        assertEquals("waymark-export", jwt.getJWTClaimsSet().getIssuer());
        assertEquals("waymark-export", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of(TOKEN_URL.toString()), jwt.getJWTClaimsSet().getAudience());
        assertEquals(NOW.plusSeconds(300), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
        assertFalse(jwt.getJWTClaimsSet().getJWTID().isBlank());
    }

    @Test
    void anEcKeyOnP384SignsEs384AndOtherCurvesAreRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).generate();
        Endpoint endpoint = new Endpoint(300);
        new SmartBackendAuth("c", key, TOKEN_URL, "system/*.read", Clock.fixed(NOW, ZoneOffset.UTC), endpoint).token();
        SignedJWT jwt = SignedJWT.parse(endpoint.forms.get(0).get("client_assertion"));
        assertEquals(JWSAlgorithm.ES384, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new ECDSAVerifier(key.toECPublicKey())));

        ECKey p256 = new ECKeyGenerator(Curve.P_256).generate();
        assertThrows(IllegalArgumentException.class, () -> new SmartBackendAuth("c", p256, TOKEN_URL, "s", Clock.systemUTC(), endpoint));
        assertThrows(IllegalArgumentException.class, () -> new SmartBackendAuth("c", key.toPublicJWK(), TOKEN_URL, "s", Clock.systemUTC(), endpoint));
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpiresAndRenewedWhenRefused() throws Exception {
        Hands clock = new Hands();
        Endpoint endpoint = new Endpoint(300);
        SmartBackendAuth auth = new SmartBackendAuth("c", new RSAKeyGenerator(2048).generate(), TOKEN_URL, "system/*.read", clock, endpoint);

        assertEquals("token-1", auth.token());
        clock.now = NOW.plus(Duration.ofSeconds(260));
        assertEquals("token-1", auth.token());
        clock.now = NOW.plus(Duration.ofSeconds(275));
        assertEquals("token-2", auth.token(), "renewed within the margin before expiry");
        auth.expire();
        assertEquals("token-3", auth.token());
        assertEquals(3, endpoint.forms.size());
    }

    @Test
    void aRefusalSaysTheOauthErrorAndNothingOfTheAssertion() throws Exception {
        SmartBackendAuth auth = new SmartBackendAuth("c", new RSAKeyGenerator(2048).generate(), TOKEN_URL, "system/*.read",
                Clock.fixed(NOW, ZoneOffset.UTC), (url, form) -> new SmartBackendAuth.TokenEndpoint.Response(401,
                        "{\"error\":\"invalid_client\",\"error_description\":\"unknown key\"}"));
        var e = assertThrows(BulkExportException.class, auth::token);
        assertEquals("the token endpoint refused the client (HTTP 401): invalid_client (unknown key)", e.getMessage());
    }

    @Test
    void aKeyIsReadFromAJwkOrTheFirstPrivateKeyOfAJwkSet() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path single = tmp.resolve("key.json");
        Files.writeString(single, key.toJSONString());
        assertEquals("k1", SmartBackendAuth.readKey(single).getKeyID());
        Path set = tmp.resolve("set.json");
        Files.writeString(set, "{\"keys\":[" + new RSAKeyGenerator(2048).keyID("public").generate().toPublicJWK().toJSONString() + ","
                + key.toJSONString() + "]}");
        JWK read = SmartBackendAuth.readKey(set);
        assertEquals("k1", read.getKeyID());
        assertTrue(read.isPrivate());
        Path junk = tmp.resolve("junk.json");
        Files.writeString(junk, "{\"kty\":\"nope\"}");
        assertThrows(IllegalArgumentException.class, () -> SmartBackendAuth.readKey(junk));
        assertThrows(IllegalArgumentException.class, () -> SmartBackendAuth.readKey(tmp.resolve("absent.json")));
    }
}
