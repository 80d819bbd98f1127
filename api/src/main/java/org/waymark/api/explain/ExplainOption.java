package org.waymark.api.explain;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import org.waymark.api.cdshooks.Card;
import org.waymark.api.cdshooks.HookInvocation;
import org.waymark.api.cdshooks.InvocationListener;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Route;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.explain.Explainer;
import org.waymark.engine.explain.Explanation;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Why / why not on a service call: {@code POST /cds-services/{id}?explain=true} in development mode, or
 * {@code POST /admin/explain/{id}} for an admin token in any mode, answers the cards with the engine's explanation of the
 * same assessment in the response's {@code extension} ({@value #EXTENSION}). Outside development mode
 * {@code ?explain=true} is refused (403): an explanation shows the record's entries and the rules' workings, for the
 * people who write and test rules, not for EHR clients. The explanation guards the answer: an explained call that cannot
 * be explained is not answered.
 */
public final class ExplainOption implements InvocationListener {
    public static final String EXTENSION = "org.waymark.explanation";
    private static final String REQUESTED = "waymark.explainRequested";
    private static final String EXPLAINED = "waymark.explained";

    /** An explained answer: the cards, as always, and the explanation beside them. */
    record ExplainedResponse(List<Card> cards, Map<String, Explanation> extension) {
        ExplainedResponse {
            cards = List.copyOf(cards);
            extension = Map.copyOf(extension);
        }
    }

    private final Explainer explainer;
    private final boolean devMode;

    public ExplainOption(PathwayService pathways, boolean devMode) {
        this.explainer = new Explainer(new Assessor(pathways));
        this.devMode = devMode;
    }

    /** Before a service call: takes {@code ?explain=true|false}; true only in development mode. */
    public void guard(Context ctx) {
        String asked = ctx.queryParam("explain");
        if (asked == null || asked.equals("false")) {
            return;
        }
        if (!asked.equals("true")) {
            throw ApiException.badRequest("explain must be true or false", "explain");
        }
        if (!devMode) {
            throw new ApiException(403, "explain is offered in development mode (serve --dev); admins use POST /admin/explain/{id}");
        }
        ctx.attribute(REQUESTED, true);
    }

    /** The admin route: the service call, explained (the server's admin role on admin routes authenticates the caller). */
    public List<Route> adminRoutes(Handler serviceCall) {
        return List.of(Route.post("/admin/explain/{id}", ctx -> {
            ctx.attribute(REQUESTED, true);
            serviceCall.handle(ctx);
        }));
    }

    @Override
    public void answered(Context ctx, HookInvocation.Result call) {
        if (Boolean.TRUE.equals(ctx.attribute(REQUESTED))) {
            Explanation explanation;
            try {
                explanation = explainer.explain(new AssessmentRequest(call.record(), call.time(), call.ruleSets(),
                        call.service().pathways(), call.service().onlyCodes()));
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                // The version's folder cannot be read or changed since it was loaded: a state to fix, not a server fault.
                throw new ApiException(409, "cannot explain: " + e.getMessage());
            }
            ctx.attribute(EXPLAINED, new ExplainedResponse(call.cards(), Map.of(EXTENSION, explanation)));
        }
    }

    @Override
    public boolean guardsAnswer() {
        return true;
    }

    /** After every call: an explained call's answer is its cards with the explanation. */
    public void answer(Context ctx) {
        ExplainedResponse explained = ctx.attribute(EXPLAINED);
        if (explained != null) {
            ctx.json(explained);
        }
    }
}
