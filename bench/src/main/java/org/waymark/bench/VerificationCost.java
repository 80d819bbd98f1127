package org.waymark.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.Provider;
import java.util.Locale;
import org.conscrypt.Conscrypt;

/**
 * The CPU one client-token signature and one verification cost (as the server verifies: parse, then nimbus with a
 * JCA provider), ES384 and RS384, with the JDK's providers and with Conscrypt. Thread CPU time, so other work on a
 * shared machine barely moves the figures; 500 warm-up operations, then 2,000 measured.
 *
 * <pre>java -cp ... org.waymark.bench.VerificationCost</pre>
 */
public final class VerificationCost {
    private static final int WARM_UP = 500;
    private static final int MEASURED = 2_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private VerificationCost() {
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Provider conscrypt = Conscrypt.newProvider();
        System.out.println("algorithm  provider    sign CPU us/op   verify CPU us/op   (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ")");
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.ES384, JWSAlgorithm.RS384}) {
            JWK key = alg == JWSAlgorithm.ES384 ? new ECKeyGenerator(Curve.P_384).keyID("k").generate() : new RSAKeyGenerator(2048).keyID("k").generate();
            for (Provider provider : new Provider[] {null, conscrypt}) {
                JWSSigner signer = alg == JWSAlgorithm.ES384 ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey());
                signer.getJCAContext().setProvider(provider);
                String token = sign(signer, alg);
                double signing = cpuMicros(() -> sign(signer, alg));
                double verifying = cpuMicros(() -> {
                    JWSVerifier verifier = alg == JWSAlgorithm.ES384 ? new ECDSAVerifier(key.toECKey().toPublicJWK())
                            : new RSASSAVerifier(key.toRSAKey().toPublicJWK());
                    verifier.getJCAContext().setProvider(provider);
                    if (!SignedJWT.parse(token).verify(verifier)) {
                        throw new IllegalStateException("a valid token did not verify");
                    }
                });
                System.out.printf(Locale.ROOT, "%-9s  %-10s  %14.0f   %16.0f%n", alg, provider == null ? "JDK" : provider.getName(), signing, verifying);
            }
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("k").type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer("https://bench.waymark.invalid").jwtID(java.util.UUID.randomUUID().toString()).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static double cpuMicros(Operation op) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            op.run();
        }
        long started = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            op.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - started) / 1e3 / MEASURED;
    }
}
