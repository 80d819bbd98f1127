package org.waymark.api.cdshooks;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.waymark.api.auth.ClientAuthentication;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Json;
import org.waymark.api.http.RequestCharset;

/**
 * Thin HTTP handlers for discovery and service calls; the work is in {@link HookInvocation}. An answered call is
 * told to the {@link InvocationListener}s before its cards are written.
 */
public final class CdsHooksHandlers {
    /** The context attribute holding the call's hookInstance, set once the request has been read. */
    public static final String HOOK_INSTANCE = "waymark.hookInstance";
    private static final Instant FIRST_AS_OF = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_AS_OF = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final OfferedServices offered;
    private final HookInvocation invocation;
    private final Clock clock;
    private final Duration deadline;
    private final InvocationListeners listeners;

    public CdsHooksHandlers(OfferedServices offered, HookInvocation invocation, Clock clock, Duration deadline, List<InvocationListener> listeners) {
        this.offered = offered;
        this.invocation = invocation;
        this.clock = clock;
        this.deadline = deadline;
        this.listeners = new InvocationListeners(listeners);
    }

    public void discovery(Context ctx) {
        ctx.json(new Discovery(offered.services().stream().map(Discovery.Service::of).toList()));
    }

    public void invoke(Context ctx) {
        long started = System.nanoTime();
        String id = ctx.pathParam("id");
        byte[] body = RequestCharset.utf8Body(ctx);
        Instant asOf = asOf(ctx);
        HookInvocation.Result result = invocation.invoke(id, body, asOf, started + deadline.toNanos(),
                Optional.ofNullable(ctx.attribute(ClientAuthentication.CLIENT)));
        ctx.attribute(HOOK_INSTANCE, result.request().hookInstance());
        listeners.answered(ctx, result);
        ctx.contentType(ContentType.APPLICATION_JSON).result(Json.bytes(result.response()));
    }

    /** Testers may pin the evaluation instant with {@code ?asOf=2026-11-24T09:00:00Z}; EHR calls use now. */
    private Instant asOf(Context ctx) {
        String text = ctx.queryParam("asOf");
        if (text == null || text.isBlank()) {
            return clock.instant();
        }
        Instant asOf;
        try {
            asOf = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("asOf must be an ISO-8601 instant such as 2026-11-24T09:00:00Z", "asOf");
        }
        // Calendar arithmetic (ages, windows) needs a four-digit year, as FHIR dates have.
        if (asOf.isBefore(FIRST_AS_OF) || asOf.isAfter(LAST_AS_OF)) {
            throw ApiException.badRequest("asOf must fall in the years 0001 to 9999", "asOf");
        }
        return asOf;
    }
}
