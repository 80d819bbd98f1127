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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.waymark.api.auth.ClientTokenVerifier;
import org.waymark.api.auth.JwksFetcher;
import org.waymark.api.auth.RefusalReason;
import org.waymark.api.auth.SeenTokenIds;
import org.waymark.api.auth.SignatureProvider;
import org.waymark.api.auth.TrustedClients;
import org.waymark.api.store.Database;
import org.waymark.api.store.StoreWriter;

/**
 * Keys named by an allowed jku are fetched, cached, and refetched for a new kid only after the cool-down;
 * a key URL that never answers causes one fetch however many tokens name it; the lifetime limit is exact.
 */
class ClientTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String ISS = "https://ehr.example.org";
    private static final URI JKU = URI.create("https://ehr.example.org/.well-known/jwks.json");
    private static final String AUD = "https://waymark.example/cds-services/proactive-care";
    private static final TrustedClients.Limits LIMITS = new TrustedClients.Limits(Duration.ofMinutes(2), Duration.ofMillis(200), Duration.ofMinutes(1));

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static String token(ECKey key, URI jku, Instant iat, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).jwkURL(jku).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).expirationTime(Date.from(exp)).issueTime(Date.from(iat))
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    private static String token(ECKey key, URI jku, Instant iat) throws Exception {
        return token(key, jku, iat, iat.plusSeconds(60));
    }

    private static ClientTokenVerifier verifier(Clock clock, Optional<JWKSet> fileKeys, JwksFetcher fetcher) {
        TrustedClients clients = new TrustedClients(Map.of(ISS, new TrustedClients.Client(ISS, fileKeys, Set.of(JKU))), LIMITS);
        Database store = Database.open("jdbc:h2:mem:verifier-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        return new ClientTokenVerifier(clients, clock, Duration.ofSeconds(60), fetcher, new SeenTokenIds(new StoreWriter(store)), SignatureProvider.choose());
    }

    private static RefusalReason refusal(ClientTokenVerifier verifier, String header) {
        return assertThrows(ClientTokenVerifier.Rejected.class, () -> verifier.verify(header, List.of(AUD))).reason();
    }

    @Test
    void jkuKeysAreCachedAndRefetchedForANewKidOnlyAfterTheCoolDown() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_384).keyID("2026-a").generate();
        ECKey rotated = new ECKeyGenerator(Curve.P_384).keyID("2026-b").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        MovableClock clock = new MovableClock();
        ClientTokenVerifier verifier = verifier(clock, Optional.empty(), uri -> {
            fetches.incrementAndGet();
            return CompletableFuture.completedFuture(published.get());
        });

        verifier.verify(token(first, JKU, NOW), List.of(AUD));
        verifier.verify(token(first, JKU, NOW), List.of(AUD));
        assertEquals(1, fetches.get(), "cached");
        published.set(new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())));
        assertEquals(RefusalReason.UNKNOWN_KID, refusal(verifier, token(rotated, JKU, NOW)), "within the cool-down a new kid is not fetched");
        assertEquals(1, fetches.get());
        clock.now.set(NOW.plusSeconds(61));
        verifier.verify(token(rotated, JKU, clock.instant()), List.of(AUD));
        assertEquals(2, fetches.get(), "refetched for the new kid after the cool-down");
        assertEquals(RefusalReason.JKU_NOT_ALLOWED, refusal(verifier, token(first, URI.create("https://attacker.example/jwks.json"), clock.instant())));
        assertEquals(2, fetches.get(), "a jku that is not allowed is never fetched");
    }

    @Test
    void aKeyUrlThatNeverAnswersIsFetchedOnceHoweverManyTokensNameIt() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        ClientTokenVerifier verifier = verifier(new MovableClock(), Optional.empty(), uri -> {
            fetches.incrementAndGet();
            return new CompletableFuture<JWKSet>().orTimeout(200, TimeUnit.MILLISECONDS);
        });
        for (int i = 0; i < 20; i++) {
            ECKey forged = new ECKeyGenerator(Curve.P_384).keyID("forged-" + i).generate();
            RefusalReason reason = refusal(verifier, token(forged, JKU, NOW));
            assertEquals(i == 0 ? RefusalReason.KEYS_UNAVAILABLE : RefusalReason.UNKNOWN_KID, reason, "token " + i);
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void theLifetimeLimitIsExact() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("file-key").generate();
        ClientTokenVerifier verifier = verifier(new MovableClock(), Optional.of(new JWKSet(key.toPublicJWK())),
                uri -> CompletableFuture.failedFuture(new IllegalStateException("no fetch expected")));
        verifier.verify(token(key, null, NOW, NOW.plus(LIMITS.maxTokenLifetime())), List.of(AUD));
        assertEquals(RefusalReason.LIFETIME_TOO_LONG, refusal(verifier, token(key, null, NOW, NOW.plus(LIMITS.maxTokenLifetime()).plusSeconds(1))));
    }

    @Test
    void aReplayIsRefusedAndOnlyAfterTheSignatureWasChecked() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("file-key").generate();
        ECKey stranger = new ECKeyGenerator(Curve.P_384).keyID("file-key").generate();
        ClientTokenVerifier verifier = verifier(new MovableClock(), Optional.of(new JWKSet(key.toPublicJWK())),
                uri -> CompletableFuture.failedFuture(new IllegalStateException("no fetch expected")));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(60))).jwtID("the-jti").build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("file-key").type(JOSEObjectType.JWT).build(), claims);
        forged.sign(new ECDSASigner(stranger));
        assertEquals(RefusalReason.BAD_SIGNATURE, refusal(verifier, "Bearer " + forged.serialize()));
        SignedJWT genuine = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("file-key").type(JOSEObjectType.JWT).build(), claims);
        genuine.sign(new ECDSASigner(key));
        verifier.verify("Bearer " + genuine.serialize(), List.of(AUD));
        assertEquals(RefusalReason.REPLAYED, refusal(verifier, "Bearer " + genuine.serialize()));
    }
}
