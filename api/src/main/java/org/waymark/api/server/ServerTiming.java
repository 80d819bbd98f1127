package org.waymark.api.server;

import io.javalin.http.Context;
import org.waymark.api.audit.CallAudit;

/**
 * The {@code Server-Timing: app;dur=<ms>} header of CDS Hooks calls (W3C Server-Timing), for load runs and
 * operators: from the first before-handler, so client authentication, reading the request, evaluation and the
 * wait for the audit commit all count; only writing the answer to the socket does not.
 */
final class ServerTiming {
    private ServerTiming() {
    }

    static void write(Context ctx) {
        Long started = ctx.attribute(CallAudit.STARTED);
        if (started != null) {
            ctx.header("Server-Timing", "app;dur=" + Millis.of(System.nanoTime() - started, 2));
        }
    }
}
