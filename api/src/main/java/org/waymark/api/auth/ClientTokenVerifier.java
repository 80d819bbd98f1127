package org.waymark.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;

/**
 * Verifies a CDS client's bearer JWT (spec §Trusting CDS Clients): header {@code typ} JWT and a {@code kid};
 * ES384 or RS384 (ES256/RS256 only where the client's configuration allows them; never none or HMAC); a
 * trusted {@code iss} with its key (from its JWK Set file, or its allow-listed {@code jku}, see
 * {@link JkuKeys}); {@code aud} one of the configured public URLs of the service; {@code exp} and
 * {@code iat} within a small skew and no further apart than the configured maximum lifetime; and a
 * {@code jti} not used before (kept in the store, see {@link SeenTokenIds}). Cheap claim checks come
 * before any key fetch, so a token that fails them never causes one. Signatures are checked with the provider
 * chosen at start-up ({@link SignatureProvider}). The token itself is never kept or logged.
 */
public final class ClientTokenVerifier {
    /** Why a token was refused, with its issuer and a hash of its jti when known (never the token). */
    public static final class Rejected extends Exception {
        private final RefusalReason reason;
        private final transient String issuer;
        private final transient String jtiHash;

        Rejected(RefusalReason reason) {
            this(reason, null, null);
        }

        private Rejected(RefusalReason reason, String issuer, String jtiHash) {
            super(reason.description());
            this.reason = reason;
            this.issuer = issuer;
            this.jtiHash = jtiHash;
        }

        public RefusalReason reason() {
            return reason;
        }

        public Optional<String> issuer() {
            return Optional.ofNullable(issuer);
        }

        /** The first 16 hex digits of SHA-256 of the jti: enough to correlate refusals, useless for replay. */
        public Optional<String> jtiHash() {
            return Optional.ofNullable(jtiHash);
        }
    }

    /** A verified client: who it is and which token id it used. */
    public record Verified(String issuer, String jti) {
    }

    private final TrustedClients clients;
    private final Clock clock;
    private final Duration skew;
    private final JkuKeys jkuKeys;
    private final SeenTokenIds seen;
    private final SignatureProvider signatures;

    public ClientTokenVerifier(TrustedClients clients, Clock clock, Duration skew, JwksFetcher fetcher, SeenTokenIds seen,
                               SignatureProvider signatures) {
        this.clients = clients;
        this.clock = clock;
        this.skew = skew;
        this.jkuKeys = new JkuKeys(fetcher, clock, clients.limits().jwksCoolDown(), clients.limits().jwksTimeout());
        this.seen = seen;
        this.signatures = signatures;
    }

    /** Verifies the {@code Authorization} header; {@code audiences} are the URLs this call may be addressed to. */
    public Verified verify(String authorizationHeader, Collection<String> audiences) throws Rejected {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Rejected(RefusalReason.NO_BEARER_TOKEN);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorizationHeader.substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected(RefusalReason.MALFORMED);
        }
        try {
            return verify(jwt, claims, audiences);
        } catch (Rejected r) {
            // The jti's hash only for a refusal's log line, not for every accepted call.
            String jtiHash = claims.getJWTID() == null ? null : SeenTokenIds.sha256(claims.getJWTID()).substring(0, 16);
            throw new Rejected(r.reason(), claims.getIssuer(), jtiHash);
        }
    }

    private Verified verify(SignedJWT jwt, JWTClaimsSet claims, Collection<String> audiences) throws Rejected {
        JWSHeader header = jwt.getHeader();
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw new Rejected(RefusalReason.WRONG_TYP);
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new Rejected(RefusalReason.MISSING_KID);
        }
        String iss = claims.getIssuer();
        TrustedClients.Client client = clients.client(iss == null ? "" : iss).orElseThrow(() -> new Rejected(RefusalReason.UNTRUSTED_ISSUER));
        JWSAlgorithm alg = header.getAlgorithm();
        if (!client.algorithms().contains(alg)) {
            throw new Rejected(RefusalReason.ALGORITHM_NOT_ALLOWED);
        }
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw new Rejected(RefusalReason.WRONG_AUDIENCE);
        }
        Instant exp = instant(claims.getExpirationTime()).orElseThrow(() -> new Rejected(RefusalReason.MISSING_CLAIM));
        Instant iat = instant(claims.getIssueTime()).orElseThrow(() -> new Rejected(RefusalReason.MISSING_CLAIM));
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new Rejected(RefusalReason.MISSING_CLAIM);
        }
        Instant now = clock.instant();
        if (now.isAfter(exp.plus(skew))) {
            throw new Rejected(RefusalReason.EXPIRED);
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new Rejected(RefusalReason.ISSUED_IN_FUTURE);
        }
        if (Duration.between(iat, exp).compareTo(clients.limits().maxTokenLifetime()) > 0) {
            throw new Rejected(RefusalReason.LIFETIME_TOO_LONG);
        }
        checkSignature(jwt, key(client, header));
        if (!seen.firstUse(iss, jti, exp.plus(skew), now)) {
            throw new Rejected(RefusalReason.REPLAYED);
        }
        return new Verified(iss, jti);
    }

    private void checkSignature(SignedJWT jwt, JWK key) throws Rejected {
        try {
            if (!jwt.verify(signatures.verifier(key))) {
                throw new Rejected(RefusalReason.BAD_SIGNATURE);
            }
        } catch (JOSEException e) {
            throw new Rejected(RefusalReason.BAD_SIGNATURE);
        }
    }

    private JWK key(TrustedClients.Client client, JWSHeader header) throws Rejected {
        String kid = header.getKeyID();
        URI jku = header.getJWKURL();
        if (jku != null) {
            if (!client.allowedJku().contains(jku)) {
                throw new Rejected(RefusalReason.JKU_NOT_ALLOWED);
            }
            return jkuKeys.key(client.issuer(), jku, kid);
        }
        JWK key = client.keys().map(k -> k.getKeyByKeyId(kid)).orElse(null);
        if (key == null) {
            throw new Rejected(RefusalReason.UNKNOWN_KID);
        }
        return key;
    }

    private static Optional<Instant> instant(Date d) {
        return Optional.ofNullable(d).map(Date::toInstant);
    }
}
