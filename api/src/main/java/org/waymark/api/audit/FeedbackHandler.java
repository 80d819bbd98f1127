package org.waymark.api.audit;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.waymark.api.cdshooks.CdsService;
import org.waymark.api.http.ApiException;

/**
 * {@code POST /cds-services/{id}/feedback}: stores, before answering, each item on a card this service issued to
 * this client (a repeat is acknowledged, not stored twice); 200 names the cards it did not know. When it knew
 * none of them (never issued, or issued to another client), 404 naming each.
 */
public final class FeedbackHandler {
    private final Supplier<List<CdsService>> services;
    private final FeedbackStore feedback;
    private final Clock clock;

    /** {@code services}: the services offered now. */
    public FeedbackHandler(Supplier<List<CdsService>> services, FeedbackStore feedback, Clock clock) {
        this.services = services;
        this.feedback = feedback;
        this.clock = clock;
    }

    public void handle(Context ctx) {
        String service = ctx.pathParam("id");
        if (services.get().stream().noneMatch(s -> s.id().equals(service))) {
            throw new ApiException(404, "no CDS service with id '" + service + "'");
        }
        List<Feedback> items = FeedbackParser.parse(ctx.body());
        FeedbackStore.Stored stored = feedback.store(service, CallAudit.clientKey(ctx), items, clock.instant());
        if (stored.unknownCards().size() == items.size()) {
            throw FeedbackReport.noneKnown(service, items, stored);
        }
        ctx.status(200).json(FeedbackReport.of(stored));
    }
}
