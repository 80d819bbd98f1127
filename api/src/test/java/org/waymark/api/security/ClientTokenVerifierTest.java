package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.waymark.api.auth.ClientTokenVerifier;
import org.waymark.api.auth.TrustedClients;

/** Keys named by an allowed jku are fetched, cached, and refetched when a new kid appears (key rotation). */
class ClientTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final URI JKU = URI.create("https://ehr.example.org/.well-known/jwks.json");
    private static final String AUD = "https://waymark.example/cds-services/proactive-care";

    private static String token(ECKey key, URI jku, String jti) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).jwkURL(jku).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer("https://ehr.example.org").audience(AUD).expirationTime(Date.from(NOW.plusSeconds(300)))
                        .issueTime(Date.from(NOW)).jwtID(jti).build());
        jwt.sign(new ECDSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    @Test
    void jkuKeysAreCachedAndRefreshedOnAnUnknownKid() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_384).keyID("2026-a").generate();
        ECKey rotated = new ECKeyGenerator(Curve.P_384).keyID("2026-b").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        TrustedClients clients = new TrustedClients(Map.of("https://ehr.example.org",
                new TrustedClients.Client("https://ehr.example.org", Optional.empty(), Set.of(JKU))));
        ClientTokenVerifier verifier = new ClientTokenVerifier(clients, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), uri -> {
            fetches.incrementAndGet();
            return published.get();
        });

        verifier.verify(token(first, JKU, "1"), AUD);
        verifier.verify(token(first, JKU, "2"), AUD);
        assertEquals(1, fetches.get(), "cached");
        published.set(new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())));
        verifier.verify(token(rotated, JKU, "3"), AUD);
        assertEquals(2, fetches.get(), "refetched for the new kid");
        assertThrows(ClientTokenVerifier.Rejected.class,
                () -> verifier.verify(token(first, URI.create("https://attacker.example/jwks.json"), "4"), AUD), "jku not allowed");
    }
}
