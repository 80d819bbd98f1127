package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.waymark.api.audit.CallAudit;
import org.waymark.api.auth.ClientAuthentication;
import org.waymark.api.audit.FeedbackParser;
import org.waymark.api.audit.FeedbackStore;
import org.waymark.api.server.ApiException;
import org.waymark.api.server.CallObserver;
import org.waymark.api.server.Json;
import org.waymark.api.server.Responses;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.pathways.definition.PathwayRegistry;

/** Thin HTTP handlers for discovery and service calls; the work is in {@link HookInvocation}. */
public final class CdsHooksHandlers {
    private static final Instant FIRST_AS_OF = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_AS_OF = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private final RuleSetRegistry registry;
    private final PathwayRegistry pathways;
    private final HookInvocation invocation;
    private final CdsServiceCatalog catalog;
    private final Clock clock;
    private final CallAudit audit;
    private final FeedbackStore feedback;
    private final Duration deadline;
    public CdsHooksHandlers(RuleSetRegistry registry, PathwayRegistry pathways, CdsServiceCatalog catalog, HookInvocation invocation,
                            Clock clock, CallAudit audit, FeedbackStore feedback, Duration deadline) {
        this.catalog = catalog;
        this.deadline = deadline;
        this.audit = audit;
        this.feedback = feedback;
        this.registry = registry;
        this.pathways = pathways;
        this.invocation = invocation;
        this.clock = clock;
    }

    public void discovery(Context ctx) {
        ArrayNode services = Json.array();
        for (CdsService s : catalog.services(registry.current(), pathways.active())) {
            ObjectNode node = Json.object();
            node.put("hook", s.hook());
            Json.putText(node, "title", s.title());
            node.put("description", s.description());
            node.put("id", s.id());
            ObjectNode prefetch = Json.object();
            s.prefetch().forEach(prefetch::put);
            Json.putNode(node, "prefetch", prefetch);
            Json.putText(node, "usageRequirements", s.usageRequirements());
            services.add(node);
        }
        Responses.json(ctx, Json.object().set("services", services));
    }

    public void invoke(Context ctx) {
        long started = System.nanoTime();
        String id = ctx.pathParam("id");
        String body = ctx.body();
        Instant asOf = asOf(ctx);
        HookInvocation.Result result = invocation.invoke(id, body, asOf, started + deadline.toNanos(),
                Optional.ofNullable(ctx.attribute(ClientAuthentication.CLIENT)));
        ctx.attribute(CallObserver.HOOK_INSTANCE, result.request().hookInstance());
        // The audit entry is committed before the answer exists: a call that is answered is a call that is recorded.
        audit.answered(ctx, result);
        Responses.json(ctx, result.body());
        // Server-side processing time (parse, evaluate, serialise), for load runs and operators (W3C Server-Timing).
        ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.2f", (System.nanoTime() - started) / 1e6));
    }

    /**
     * {@code POST /cds-services/{id}/feedback}: stores, before answering, each item on a card this service issued to
     * this client (a repeat is acknowledged, not stored twice); 200 names the cards it did not know. When it knew
     * none of them (never issued, or issued to another client), 404 naming each.
     */
    public void feedback(Context ctx) {
        String service = ctx.pathParam("id");
        if (catalog.services(registry.current(), pathways.active()).stream().noneMatch(s -> s.id().equals(service))) {
            throw new ApiException(404, "no CDS service with id '" + service + "'");
        }
        var items = FeedbackParser.parse(ctx.body());
        FeedbackStore.Stored stored = feedback.store(service, CallAudit.clientKey(ctx), items, clock.instant());
        if (stored.unknownCards().size() == items.size()) {
            ctx.status(404);
            Responses.json(ctx, FeedbackReport.noneKnown(service, items, stored));
            return;
        }
        ctx.status(200);
        Responses.json(ctx, FeedbackReport.of(stored));
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
