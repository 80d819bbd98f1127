package org.waymark.api.auth;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The before-handler for service calls and feedback: verifies the client's JWT, or lets everything through in
 * development mode (loudly logged at start-up). The expected {@code aud} is built only from the configured
 * public URLs, never from the request's Host header. A refusal is logged (reason, issuer, a hash of the jti;
 * never the token) and becomes a 401 whose reason goes to the audit trail.
 */
public final class ClientAuthentication {
    /** A refused call; the reason is for the audit trail, the log and metrics, never for the caller. */
    public static final class Refused extends RuntimeException {
        private final RefusalReason reason;

        public Refused(RefusalReason reason) {
            super(reason.description());
            this.reason = reason;
        }

        public RefusalReason reason() {
            return reason;
        }
    }

    public static final String CLIENT = "waymark.client";
    /** The header every 401 carries (RFC 6750 §3). */
    public static final String CHALLENGE = "Bearer error=\"invalid_token\"";
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);
    private static final int MAX_LOGGED_ISSUER = 200;

    private final Optional<ClientTokenVerifier> verifier;
    private final List<String> publicUrls;

    public ClientAuthentication(Optional<ClientTokenVerifier> verifier, List<String> publicUrls) {
        this.verifier = verifier;
        this.publicUrls = publicUrls.stream().map(u -> u.replaceAll("/+$", "")).toList();
        if (verifier.isEmpty()) {
            LOG.warn("*** DEVELOPMENT MODE: CDS client authentication is OFF. Any caller can invoke services. Never run like this with real data. ***");
        } else if (this.publicUrls.isEmpty()) {
            throw new IllegalArgumentException("client authentication needs at least one public URL to compare aud with");
        }
    }

    public void check(Context ctx) {
        if (verifier.isEmpty() || !ctx.method().name().equals("POST")) {
            return;
        }
        List<String> audiences = publicUrls.stream().map(base -> base + ctx.path()).toList();
        try {
            ctx.attribute(CLIENT, verifier.get().verify(ctx.header("Authorization"), audiences).issuer());
        } catch (ClientTokenVerifier.Rejected e) {
            LOG.warn("refused a CDS client call: reason={} issuer={} jti-sha256={}", e.reason().label(),
                    e.issuer().map(ClientAuthentication::printable).orElse("-"), e.jtiHash().orElse("-"));
            throw new Refused(e.reason());
        }
    }

    /** The issuer as it may appear in a log line: printable ASCII only, bounded (it is caller-supplied). */
    private static String printable(String issuer) {
        String clean = issuer.replaceAll("[^\\x21-\\x7e]", "?");
        return clean.length() > MAX_LOGGED_ISSUER ? clean.substring(0, MAX_LOGGED_ISSUER) + "..." : clean;
    }
}
