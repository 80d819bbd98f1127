package org.waymark.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider client-token signatures are verified with, chosen once at start-up: Conscrypt (BoringSSL)
 * where its native library loads on this platform and offers every algorithm a client may sign with, else the
 * JDK's own providers. Why: the JDK verifies ES384 in pure Java at a few milliseconds a token, several times
 * Conscrypt's cost, and every service call carries a token. Nimbus converts JOSE signatures to DER itself, so
 * the provider only sees standard {@code SHA384withECDSA} and {@code SHA384withRSA} (and the SHA-256 forms).
 */
public final class SignatureProvider {
    /** The JCA signature algorithms behind ES384, ES256, RS384 and RS256. */
    static final List<String> ALGORITHMS = List.of("SHA384withECDSA", "SHA256withECDSA", "SHA384withRSA", "SHA256withRSA");
    private static final Logger LOG = LoggerFactory.getLogger(SignatureProvider.class);

    private static final int MAX_KEPT = 256;

    // Empty: the JDK's providers, as the JCA chooses them.
    private final Optional<Provider> provider;
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    private SignatureProvider(Optional<Provider> provider) {
        this.provider = provider;
    }

    /** Conscrypt where it works on this platform, else the JDK's providers; logs which. */
    public static SignatureProvider choose() {
        return choose(Conscrypt::newProvider);
    }

    /** As {@link #choose()}, with the native provider from {@code candidate} (which may fail to load). */
    static SignatureProvider choose(Supplier<Provider> candidate) {
        try {
            Provider p = candidate.get();
            for (String algorithm : ALGORITHMS) {
                Signature.getInstance(algorithm, p);
            }
            LOG.info("client token signatures are verified with {} {} (native)", p.getName(), p.getVersionStr());
            return new SignatureProvider(Optional.of(p));
        } catch (RuntimeException | LinkageError | GeneralSecurityException e) {
            // LinkageError: the native library does not load on this platform.
            LOG.info("client token signatures are verified with the JDK's providers (no native provider here: {})", e.toString());
            return new SignatureProvider(Optional.empty());
        }
    }

    /** The provider's name, or {@code JDK}. */
    String name() {
        return provider.map(Provider::getName).orElse("JDK");
    }

    /**
     * A verifier for {@code key} (EC or RSA) that uses this provider. Kept per key: making one converts the JWK
     * and checks its point, which cost more than the verification itself (Nimbus' verifiers are thread-safe).
     */
    JWSVerifier verifier(JWK key) throws JOSEException {
        JWSVerifier known = verifiers.get(key);
        if (known != null) {
            return known;
        }
        if (verifiers.size() >= MAX_KEPT) {
            verifiers.clear(); // keys a JWKS no longer lists are not kept forever
        }
        JWSVerifier made = make(key);
        verifiers.put(key, made);
        return made;
    }

    private JWSVerifier make(JWK key) throws JOSEException {
        JWSVerifier verifier;
        if (key instanceof ECKey ec) {
            verifier = new ECDSAVerifier(ec);
        } else if (key instanceof RSAKey rsa) {
            verifier = new RSASSAVerifier(rsa);
        } else {
            throw new JOSEException("neither an EC nor an RSA key");
        }
        verifier.getJCAContext().setProvider(provider.orElse(null));
        return verifier;
    }
}
