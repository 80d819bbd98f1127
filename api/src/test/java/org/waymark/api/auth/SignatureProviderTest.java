package org.waymark.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.waymark.api.store.Database;
import org.waymark.api.store.StoreWriter;

/**
 * Client-token signatures verify the same under Conscrypt and the JDK: a token signed through either verifies under
 * the other, a tampered one is refused by both, and where the native provider cannot be had the JDK's serves.
 */
class SignatureProviderTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String ISS = "https://ehr.example.org";
    private static final String AUD = "https://waymark.example/cds-services/proactive-care";

    private static final SignatureProvider CONSCRYPT = SignatureProvider.choose(Conscrypt::newProvider);
    private static final SignatureProvider JDK = SignatureProvider.choose(() -> {
        throw new UnsatisfiedLinkError("no native library for this platform");
    });

    private static JWK key(JWSAlgorithm alg) throws Exception {
        return switch (alg.getName()) {
            case "ES384" -> new ECKeyGenerator(Curve.P_384).keyID("k").generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("k").generate();
            default -> new RSAKeyGenerator(2048).keyID("k").generate();
        };
    }

    /** A signed client token; {@code provider} null signs with the JDK's providers. */
    private static SignedJWT token(JWK key, JWSAlgorithm alg, Provider provider) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(60)))
                        .jwtID(UUID.randomUUID().toString()).build());
        JWSSigner signer = alg.getName().startsWith("ES") ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey());
        signer.getJCAContext().setProvider(provider);
        jwt.sign(signer);
        return jwt;
    }

    private static boolean verifies(SignatureProvider provider, String serialized, JWK key) throws Exception {
        return SignedJWT.parse(serialized).verify(provider.verifier(key.toPublicJWK()));
    }

    /** The token with one character of its signature (or, {@code inPayload}, of its claims) changed. */
    private static String tampered(String serialized, boolean inPayload) {
        String[] parts = serialized.split("\\.");
        int which = inPayload ? 1 : 2;
        char[] chars = parts[which].toCharArray();
        int at = chars.length / 2;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        parts[which] = new String(chars);
        return String.join(".", parts);
    }

    @Test
    void conscryptLoadsOnThisPlatformAndIsChosen() {
        assertEquals("Conscrypt", SignatureProvider.choose().name());
        assertEquals("Conscrypt", CONSCRYPT.name());
    }

    @Test
    void aProviderThatFailsToLoadOrLacksAnAlgorithmLeavesTheJdks() {
        assertEquals("JDK", JDK.name());
        assertEquals("JDK", SignatureProvider.choose(() -> {
            throw new IllegalStateException("provider refused to start");
        }).name());
        Provider empty = new Provider("Empty", "1.0", "offers no signature algorithm") {
        };
        assertEquals("JDK", SignatureProvider.choose(() -> empty).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES384", "RS384", "ES256", "RS256"})
    void aTokenSignedThroughEitherProviderVerifiesUnderBoth(String algorithm) throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = key(alg);
        String byJdk = token(key, alg, null).serialize();
        String byConscrypt = token(key, alg, Conscrypt.newProvider()).serialize();
        for (SignatureProvider verifier : List.of(CONSCRYPT, JDK)) {
            assertTrue(verifies(verifier, byJdk, key), "JDK-signed under " + verifier.name());
            assertTrue(verifies(verifier, byConscrypt, key), "Conscrypt-signed under " + verifier.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES384", "RS384"})
    void aTamperedTokenOrAnotherKeysSignatureIsRefusedUnderBoth(String algorithm) throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = key(alg);
        String good = token(key, alg, null).serialize();
        String otherKeys = token(key(alg), alg, null).serialize();
        for (SignatureProvider verifier : List.of(CONSCRYPT, JDK)) {
            assertFalse(verifies(verifier, tampered(good, false), key), "signature changed, under " + verifier.name());
            assertFalse(verifies(verifier, tampered(good, true), key), "claims changed, under " + verifier.name());
            assertFalse(verifies(verifier, otherKeys, key), "another key's signature, under " + verifier.name());
        }
    }

    @Test
    void theVerifierAcceptsAndRefusesTheSameWithTheFallbackProvider() throws Exception {
        JWK key = key(JWSAlgorithm.ES384);
        TrustedClients clients = new TrustedClients(Map.of(ISS, new TrustedClients.Client(ISS, Optional.of(new JWKSet(key.toPublicJWK())), Set.of())),
                new TrustedClients.Limits(Duration.ofMinutes(2), Duration.ofMillis(200), Duration.ofMinutes(1)));
        Database store = Database.open("jdbc:h2:mem:signatures-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        ClientTokenVerifier verifier = new ClientTokenVerifier(clients, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60),
                uri -> CompletableFuture.failedFuture(new IllegalStateException("no fetch expected")), new SeenTokenIds(new StoreWriter(store)), JDK);

        assertEquals(ISS, verifier.verify("Bearer " + token(key, JWSAlgorithm.ES384, null).serialize(), List.of(AUD)).issuer());
        String forged = tampered(token(key, JWSAlgorithm.ES384, null).serialize(), false);
        assertEquals(RefusalReason.BAD_SIGNATURE,
                assertThrows(ClientTokenVerifier.Rejected.class, () -> verifier.verify("Bearer " + forged, List.of(AUD))).reason());
    }
}
