package org.waymark.api.audit;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.waymark.api.auth.ClientAuthentication;
import org.waymark.api.cdshooks.HookInvocation;
import org.waymark.engine.evaluation.FiredRule;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.privacy.PatientKeys;

/** Turns a CDS Hooks call's outcome into an audit entry: answered, refused or failed. */
public final class CallAudit {
    public static final String STARTED = "waymark.started";

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

    public void answered(Context ctx, HookInvocation.Result r) {
        List<Recommendation> recs = r.evaluation().recommendations();
        List<AuditTrail.IssuedCard> cards = new java.util.ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            Recommendation rec = recs.get(i);
            cards.add(new AuditTrail.IssuedCard(r.cards().get(i).path("uuid").asText(), r.service().id(), r.request().hookInstance(), rec.code(),
                    rec.ruleSetId(), rec.ruleSetVersion()));
        }
        trail.record(new AuditEvent(clock.instant(), Optional.of(r.request().hookInstance()), Optional.of(r.service().id()),
                Optional.of(r.request().hook()), client(ctx), Optional.of(keys.keyOf(r.patientReference())),
                r.evaluation().recommendations().stream().map(x -> x.ruleSetId() + "@" + x.ruleSetVersion()).distinct().toList(),
                r.evaluation().firedRules().stream().map(FiredRule::ruleId).distinct().toList(),
                cards.stream().map(AuditTrail.IssuedCard::uuid).toList(), recs.stream().map(Recommendation::code).toList(),
                latency(ctx), "ok", 200, Optional.empty()), cards);
    }

    /** A refused or failed call. {@code detail} is Waymark's wording, never request content. */
    public void failed(Context ctx, int status, String detail) {
        trail.record(new AuditEvent(clock.instant(), Optional.empty(), serviceOf(ctx.path()),
                Optional.empty(), client(ctx), Optional.empty(), List.of(), List.of(), List.of(), List.of(), latency(ctx),
                AuditEvent.outcomeOf(status), status, Optional.of(detail)), List.of());
    }

    /** Waits until every queued audit entry (and the cards it issued) is stored. */
    public void flush() {
        trail.flush();
    }

    /** The service id of {@code /cds-services/{id}[/feedback]}; before-handlers have no path parameters yet. */
    static Optional<String> serviceOf(String path) {
        String[] parts = path.split("/");
        return parts.length >= 3 && parts[1].equals("cds-services") && !parts[2].isBlank() ? Optional.of(parts[2]) : Optional.empty();
    }

    private static Optional<String> client(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ClientAuthentication.CLIENT));
    }

    private static long latency(Context ctx) {
        Long started = ctx.attribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }
}
