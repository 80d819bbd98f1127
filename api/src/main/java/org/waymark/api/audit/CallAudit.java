package org.waymark.api.audit;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.waymark.api.auth.ClientAuthentication;
import org.waymark.api.cdshooks.HookInvocation;
import org.waymark.api.cdshooks.InvocationListener;
import org.waymark.api.http.ErrorPolicy;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.privacy.PatientKeys;

/**
 * Turns a CDS Hooks call's outcome into an audit entry: answered (it observes every answered call, and the answer
 * waits for its commit), refused or failed (told by the error policy; only service and feedback calls are kept).
 */
public final class CallAudit implements InvocationListener, ErrorPolicy.RefusalListener {
    public static final String STARTED = "waymark.started";
    private static final java.util.regex.Pattern SERVICE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallAudit.class);

    private final AuditTrail trail;
    private final PatientKeys keys;
    private final Clock clock;

    public CallAudit(AuditTrail trail, PatientKeys keys, Clock clock) {
        this.trail = trail;
        this.keys = keys;
        this.clock = clock;
    }

    public static void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /** Records an answered call and its cards; returns once committed, so the caller may then send the answer. */
    @Override
    public void answered(Context ctx, HookInvocation.Result r) {
        List<Recommendation> recs = r.assessment().recommendations();
        List<AuditTrail.IssuedCard> cards = new java.util.ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            Recommendation rec = recs.get(i);
            cards.add(new AuditTrail.IssuedCard(r.cards().get(i).uuid(), r.service().id(), r.request().hookInstance(), rec.code(),
                    rec.ruleSetId(), rec.ruleSetVersion(), clientKey(ctx)));
        }
        trail.record(new AuditEvent(clock.instant(), Optional.of(r.request().hookInstance()), Optional.of(r.service().id()),
                Optional.of(r.request().hook()), client(ctx), Optional.of(keys.keyOf(r.record().patient().reference())),
                recs.stream().map(x -> x.ruleSetId() + "@" + x.ruleSetVersion()).distinct().toList(),
                r.assessment().firedRules().stream().map(FiredRule::ruleId).distinct().toList(),
                cards.stream().map(AuditTrail.IssuedCard::uuid).toList(), recs.stream().map(Recommendation::code).toList(),
                latency(ctx), "ok", 200, Optional.empty()), cards);
    }

    /** No answer without its record: a failed commit withholds the answer (503). */
    @Override
    public boolean guardsAnswer() {
        return true;
    }

    /**
     * A refused or failed call. {@code detail} is Waymark's wording, never request content. Nothing is being
     * answered, so a store that cannot take the entry is logged rather than turning the refusal into another error.
     */
    @Override
    public void refused(Context ctx, int status, String detail) {
        if (!ctx.path().startsWith("/cds-services/")) {
            return;
        }
        try {
            trail.record(new AuditEvent(clock.instant(), Optional.empty(), serviceOf(ctx.path()),
                    Optional.empty(), client(ctx), Optional.empty(), List.of(), List.of(), List.of(), List.of(), latency(ctx),
                    AuditEvent.outcomeOf(status), status, Optional.of(detail)), List.of());
        } catch (AuditTrail.Unavailable e) {
            LOG.error("a refused call ({}) could not be audited: {}", status, e.getMessage());
        }
    }

    /**
     * The service id of {@code /cds-services/{id}[/feedback]}; before-handlers have no path parameters yet. Only
     * a well-formed id is kept (Waymark's ids are short slugs), so a hostile path cannot spoil the audit row.
     */
    static Optional<String> serviceOf(String path) {
        String[] parts = path.split("/");
        return parts.length >= 3 && parts[1].equals("cds-services") && SERVICE_ID.matcher(parts[2]).matches() ? Optional.of(parts[2]) : Optional.empty();
    }

    private static Optional<String> client(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ClientAuthentication.CLIENT));
    }

    /** The client that feedback on a card must come from: the authenticated issuer, or "" in development mode. */
    public static String clientKey(Context ctx) {
        return client(ctx).orElse("");
    }

    private static long latency(Context ctx) {
        Long started = ctx.attribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }
}
