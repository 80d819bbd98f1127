package org.waymark.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conscrypt.Conscrypt;

/**
 * Client JWTs signed before a measured window, each with its own jti, so the load generator's signing (ES384
 * costs milliseconds in the JDK) does not take the cores the server is measured on. Signed through Conscrypt
 * where it loads, on every core, then handed out once each.
 */
final class PresignedTokens {
    static final String ISSUER = "https://bench.waymark.invalid";
    // Within the server's default maximum token lifetime (5 minutes).
    private static final long LIFETIME_MS = 280_000;

    private final JWK key;
    private final String audience;
    private final Provider provider;
    private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();

    PresignedTokens(JWK key, String audience) {
        this.key = key;
        this.audience = audience;
        this.provider = nativeProviderOrJdk();
    }

    private static Provider nativeProviderOrJdk() {
        try {
            return Conscrypt.newProvider();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Signs tokens until {@code count} are unused; returns how long that took in seconds. */
    double topUp(int count) throws Exception {
        long started = System.nanoTime();
        int missing = count - tokens.size();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = missing / threads + (t < missing % threads ? 1 : 0);
                parts.add(pool.submit(() -> sign(n)));
            }
            for (Future<List<String>> part : parts) {
                tokens.addAll(part.get());
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** An unused token, or null when none is left. */
    String take() {
        return tokens.poll();
    }

    private List<String> sign(int n) throws JOSEException {
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner(key.toECKey());
        signer.getJCAContext().setProvider(provider);
        JWSAlgorithm alg = key instanceof RSAKey ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Date now = new Date();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).issueTime(now)
                            .expirationTime(new Date(now.getTime() + LIFETIME_MS)).jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(signer);
            out.add(jwt.serialize());
        }
        return out;
    }
}
