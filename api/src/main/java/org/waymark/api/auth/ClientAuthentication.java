package org.waymark.api.auth;

import io.javalin.http.Context;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The before-handler for service calls and feedback: verifies the client's JWT, or lets everything through in
 * development mode (loudly logged at start-up). A refusal is a bare 401; its reason goes to the audit trail.
 */
public final class ClientAuthentication {
    /** A refused call; the reason is for the audit trail only. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    public static final String CLIENT = "waymark.client";
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);

    private final Optional<ClientTokenVerifier> verifier;
    private final Optional<String> publicBaseUrl;

    public ClientAuthentication(Optional<ClientTokenVerifier> verifier, Optional<String> publicBaseUrl) {
        this.verifier = verifier;
        this.publicBaseUrl = publicBaseUrl;
        if (verifier.isEmpty()) {
            LOG.warn("*** DEVELOPMENT MODE: CDS client authentication is OFF. Any caller can invoke services. Never run like this with real data. ***");
        }
    }

    public void check(Context ctx) {
        if (verifier.isEmpty() || !ctx.method().name().equals("POST")) {
            return;
        }
        String audience = publicBaseUrl.map(b -> b.replaceAll("/$", "") + ctx.path()).orElse(ctx.url());
        try {
            ctx.attribute(CLIENT, verifier.get().verify(ctx.header("Authorization"), audience).issuer());
        } catch (ClientTokenVerifier.Rejected e) {
            throw new Refused(e.getMessage());
        }
    }
}
