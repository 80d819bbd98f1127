package org.waymark.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a CDS client's bearer JWT (spec §Trusting CDS Clients): ES384 or RS384 only (never none or
 * HMAC), a trusted {@code iss} with its key (from its JWK Set file, or its {@code jku} when that URL is
 * allowed; fetched keys are cached and refetched on an unknown {@code kid}), {@code aud} equal to the
 * service's URL, {@code exp} and {@code iat} within a small skew, and a {@code jti} not seen before.
 * Failures throw {@link Rejected} with a reason for the audit trail; the token itself is never kept or logged.
 */
public final class ClientTokenVerifier {
    /** Why a token was refused (for the audit trail, never sent to the client). */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason);
        }
    }

    /** A verified client: who it is and which token id it used. */
    public record Verified(String issuer, String jti) {
    }

    /** Fetches a JWK Set from a URL (injectable so tests need no network). */
    @FunctionalInterface
    public interface JwksFetcher {
        JWKSet fetch(URI uri) throws Exception;
    }

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);

    private final TrustedClients clients;
    private final Clock clock;
    private final Duration skew;
    private final JwksFetcher fetcher;
    private final Map<URI, JWKSet> fetched = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenJti = new ConcurrentHashMap<>();

    public ClientTokenVerifier(TrustedClients clients, Clock clock, Duration skew, JwksFetcher fetcher) {
        this.clients = clients;
        this.clock = clock;
        this.skew = skew;
        this.fetcher = fetcher;
    }

    public Verified verify(String authorizationHeader, String audience) throws Rejected {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Rejected("no bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorizationHeader.substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected("not a signed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALLOWED.contains(alg)) {
            throw new Rejected("algorithm " + alg + " is not allowed (ES384 or RS384)");
        }
        String iss = claims.getIssuer();
        TrustedClients.Client client = clients.client(iss == null ? "" : iss).orElseThrow(() -> new Rejected("untrusted issuer"));
        JWK key = key(client, jwt);
        try {
            JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
            if (!jwt.verify(verifier)) {
                throw new Rejected("bad signature");
            }
        } catch (JOSEException | ClassCastException e) {
            throw new Rejected("key does not suit the algorithm");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new Rejected("audience is not this service");
        }
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime()).orElseThrow(() -> new Rejected("no exp"));
        Instant iat = instant(claims.getIssueTime()).orElseThrow(() -> new Rejected("no iat"));
        if (now.isAfter(exp.plus(skew))) {
            throw new Rejected("expired");
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Rejected("issued in the future");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new Rejected("no jti");
        }
        seenJti.values().removeIf(e -> now.isAfter(e.plus(skew)));
        if (seenJti.putIfAbsent(iss + " " + jti, exp) != null) {
            throw new Rejected("jti replayed");
        }
        return new Verified(iss, jti);
    }

    private JWK key(TrustedClients.Client client, SignedJWT jwt) throws Rejected {
        String kid = jwt.getHeader().getKeyID();
        URI jku = jwt.getHeader().getJWKURL();
        if (jku != null) {
            if (!client.allowedJku().contains(jku)) {
                throw new Rejected("jku is not allowed for this issuer");
            }
            Optional<JWK> cached = find(fetched.get(jku), kid);
            if (cached.isPresent()) {
                return cached.get();
            }
            try {
                JWKSet refreshed = fetcher.fetch(jku);
                fetched.put(jku, refreshed);
                return find(refreshed, kid).orElseThrow(() -> new Rejected("no key with that kid at jku"));
            } catch (Rejected r) {
                throw r;
            } catch (Exception e) {
                throw new Rejected("cannot fetch keys from jku");
            }
        }
        return find(client.keys().orElse(null), kid).orElseThrow(() -> new Rejected("no trusted key with that kid"));
    }

    private static Optional<JWK> find(JWKSet set, String kid) {
        if (set == null) {
            return Optional.empty();
        }
        if (kid == null) {
            return set.getKeys().size() == 1 ? Optional.of(set.getKeys().get(0)) : Optional.empty();
        }
        return Optional.ofNullable(set.getKeyByKeyId(kid));
    }

    private static Optional<Instant> instant(Date d) {
        return Optional.ofNullable(d).map(Date::toInstant);
    }
}
