package org.waymark.api.admin;

import static org.waymark.api.admin.AdminAuth.Role.ANY_ADMIN;
import static org.waymark.api.admin.AdminAuth.Role.AUTHOR;
import static org.waymark.api.admin.AdminAuth.Role.OPERATOR;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.api.audit.FeedbackStore;
import org.waymark.api.http.ApiException;
import org.waymark.api.http.Json;
import org.waymark.api.http.Route;
import org.waymark.api.ops.RuleSetView;

/**
 * Thin HTTP handlers for {@code /admin/rule-sets} and feedback acceptance; the work is in {@link RuleSetAdmin}. Each
 * route names the roles that may call it: any admin reads; authors and operators reload; operators change what serves.
 */
public record AdminHandlers(RuleSetAdmin admin, VersionSignOff signOff, ShadowEvaluation shadows, FeedbackStore feedback) {
    /** One code's acceptance; {@code acceptanceRate} (4 decimals) is absent until someone accepted or overrode it. */
    record AcceptanceRow(String code, String ruleSet, String ruleSetVersion, long issued, long accepted, long overridden, Double acceptanceRate) {
        static AcceptanceRow of(FeedbackStore.Acceptance a) {
            Double rate = Double.isNaN(a.acceptanceRate()) ? null : Math.round(a.acceptanceRate() * 10000) / 10000.0;
            return new AcceptanceRow(a.code(), a.ruleSet(), a.ruleSetVersion(), a.issued(), a.accepted(), a.overridden(), rate);
        }
    }

    /** One activation, rollback or start-up fallback; {@code warning} when development mode activated an unapproved version. */
    record Activation(String ruleSet, String fromVersion, String toVersion, String actor, String kind, Instant at, String warning) {
        static Activation of(ActivationLog.Entry e, Optional<String> warning) {
            return new Activation(e.ruleSet(), e.fromVersion().orElse(null), e.toVersion(), e.actor(), e.kind(), e.at(), warning.orElse(null));
        }
    }

    /** Which version shadows a rule set ({@code shadowing} false once stopped). */
    record Shadowing(String ruleSet, String shadowVersion, Boolean shadowing) {
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/admin/rule-sets", this::list, ANY_ADMIN),
                Route.post("/admin/rule-sets/reload", this::reload, AUTHOR, OPERATOR),
                Route.post("/admin/rule-sets/{id}/activate", this::activate, OPERATOR),
                Route.post("/admin/rule-sets/{id}/rollback", this::rollback, OPERATOR),
                Route.get("/admin/rule-sets/{id}/activations", this::history, ANY_ADMIN),
                Route.post("/admin/rule-sets/{id}/shadow", this::shadow, OPERATOR),
                Route.delete("/admin/rule-sets/{id}/shadow", this::stopShadow, OPERATOR),
                Route.get("/admin/rule-sets/{id}/shadow", this::shadowReport, ANY_ADMIN),
                Route.get("/admin/feedback/acceptance", this::acceptance, ANY_ADMIN));
    }

    /** Acceptance of each recommendation code in each rule-set version, from clinicians' feedback. */
    private void acceptance(Context ctx) {
        ctx.json(Map.of("acceptance", feedback.acceptance().stream().map(AcceptanceRow::of).toList()));
    }

    private void shadow(Context ctx) {
        String id = ctx.pathParam("id");
        String version = body(ctx).path("version").asText("");
        if (admin.current().compiled(id, version).isEmpty()) {
            throw ApiException.badRequest("'" + id + "@" + version + "' is not a loaded, compiled version", "version");
        }
        shadows.shadow(id, version);
        ctx.json(new Shadowing(id, version, null));
    }

    private void stopShadow(Context ctx) {
        shadows.stop(ctx.pathParam("id"));
        ctx.json(new Shadowing(ctx.pathParam("id"), null, false));
    }

    /** Stored differences and, per code, how many calls the candidate would have added or removed it in. */
    private void shadowReport(Context ctx) {
        String id = ctx.pathParam("id");
        List<ShadowEvaluation.Difference> calls = shadows.differences(id);
        ctx.json(new ShadowReport(id, shadows.candidate(id).orElse(null), calls.size(), ShadowReport.perCode(calls), calls));
    }

    private void list(Context ctx) {
        ctx.json(Map.of("ruleSets", RuleSetView.all(admin.registry()), "lifecycle", signOff.lifecycle()));
    }

    private void reload(Context ctx) {
        List<RuleSetView.Version> loaded = admin.reload().stream().map(v -> RuleSetView.Version.of(v, admin.current())).toList();
        ctx.json(Map.of("loaded", loaded));
    }

    private void activate(Context ctx) {
        String actor = AdminAuth.actor(ctx);
        String version = body(ctx).path("version").asText("");
        if (version.isBlank()) {
            throw ApiException.badRequest("'version' is required", "version");
        }
        try {
            RuleSetAdmin.Activated done = admin.activate(ctx.pathParam("id"), version, actor);
            ctx.json(Activation.of(done.entry(), done.warning()));
        } catch (ActivationRefused e) {
            throw e.conflict();
        }
    }

    private void rollback(Context ctx) {
        String actor = AdminAuth.actor(ctx);
        try {
            ctx.json(Activation.of(admin.rollback(ctx.pathParam("id"), actor), Optional.empty()));
        } catch (ActivationRefused e) {
            throw e.conflict();
        }
    }

    private void history(Context ctx) {
        ctx.json(Map.of("activations", admin.history(ctx.pathParam("id")).stream().map(e -> Activation.of(e, Optional.empty())).toList()));
    }

    static JsonNode body(Context ctx) {
        return ctx.body().isBlank() ? Json.object() : Json.readRequest(ctx.body());
    }
}
