package org.waymark.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.waymark.api.server.ApiException;
import org.waymark.api.server.Json;
import org.waymark.api.server.Responses;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;

/** Thin HTTP handlers for {@code /admin/rule-sets}; the work is in {@link RuleSetAdmin}. */
public final class AdminHandlers {
    private final RuleSetAdmin admin;
    private final ShadowEvaluation shadows;
    private final AdminAuth auth;
    private final org.waymark.api.audit.FeedbackStore feedback;

    public AdminHandlers(RuleSetAdmin admin, ShadowEvaluation shadows, AdminAuth auth, org.waymark.api.audit.FeedbackStore feedback) {
        this.admin = admin;
        this.shadows = shadows;
        this.auth = auth;
        this.feedback = feedback;
    }

    /** Acceptance of each recommendation code in each rule-set version, from clinicians' feedback. */
    public void acceptance(Context ctx) {
        auth.actor(ctx);
        ArrayNode rows = Json.array();
        for (var a : feedback.acceptance()) {
            ObjectNode n = Json.object().put("code", a.code()).put("ruleSet", a.ruleSet()).put("ruleSetVersion", a.ruleSetVersion())
                    .put("issued", a.issued()).put("accepted", a.accepted()).put("overridden", a.overridden());
            if (!Double.isNaN(a.acceptanceRate())) {
                n.put("acceptanceRate", Math.round(a.acceptanceRate() * 10000) / 10000.0);
            }
            rows.add(n);
        }
        Responses.json(ctx, Json.object().set("acceptance", rows));
    }

    public void shadow(Context ctx) {
        auth.actor(ctx);
        String id = ctx.pathParam("id");
        String version = body(ctx).path("version").asText("");
        if (admin.current().compiled(id, version).isEmpty()) {
            throw ApiException.badRequest("'" + id + "@" + version + "' is not a loaded, compiled version", "version");
        }
        shadows.shadow(id, version);
        Responses.json(ctx, Json.object().put("ruleSet", id).put("shadowVersion", version));
    }

    public void stopShadow(Context ctx) {
        auth.actor(ctx);
        shadows.stop(ctx.pathParam("id"));
        Responses.json(ctx, Json.object().put("ruleSet", ctx.pathParam("id")).put("shadowing", false));
    }

    /** Stored differences and, per code, how many calls the candidate would have added or removed it in. */
    public void shadowReport(Context ctx) {
        auth.actor(ctx);
        String id = ctx.pathParam("id");
        ArrayNode diffs = Json.array();
        java.util.Map<String, int[]> perCode = new java.util.TreeMap<>();
        for (ShadowEvaluation.Difference d : shadows.differences(id)) {
            ObjectNode n = Json.object().put("activeVersion", d.activeVersion()).put("candidateVersion", d.candidateVersion())
                    .put("service", d.service()).put("patientKey", d.patientKey()).put("at", d.at().toString());
            ArrayNode gained = Json.array();
            d.gained().forEach(c -> {
                gained.add(c);
                perCode.computeIfAbsent(c, k -> new int[2])[0]++;
            });
            ArrayNode lost = Json.array();
            d.lost().forEach(c -> {
                lost.add(c);
                perCode.computeIfAbsent(c, k -> new int[2])[1]++;
            });
            Json.putNode(n, "gained", gained);
            Json.putNode(n, "lost", lost);
            diffs.add(n);
        }
        ObjectNode counts = Json.object();
        perCode.forEach((code, n) -> counts.set(code, Json.object().put("gained", n[0]).put("lost", n[1])));
        ObjectNode body = Json.object().put("ruleSet", id);
        shadows.candidate(id).ifPresent(v -> body.put("shadowVersion", v));
        body.put("differences", diffs.size());
        body.set("perCode", counts);
        body.set("calls", diffs);
        Responses.json(ctx, body);
    }

    public void list(Context ctx) {
        auth.actor(ctx);
        Responses.json(ctx, Json.object().set("ruleSets", describe(admin.registry())));
    }

    public void reload(Context ctx) {
        auth.actor(ctx);
        ArrayNode loaded = Json.array();
        for (RuleSetVersion v : admin.reload()) {
            loaded.add(version(v, admin.current()));
        }
        Responses.json(ctx, Json.object().set("loaded", loaded));
    }

    public void activate(Context ctx) {
        String actor = auth.actor(ctx);
        JsonNode body = body(ctx);
        String version = body.path("version").asText("");
        if (version.isBlank()) {
            throw ApiException.badRequest("'version' is required", "version");
        }
        try {
            Responses.json(ctx, entry(admin.activate(ctx.pathParam("id"), version, actor)));
        } catch (ActivationRefused e) {
            refused(ctx, e);
        }
    }

    public void rollback(Context ctx) {
        String actor = auth.actor(ctx);
        try {
            Responses.json(ctx, entry(admin.rollback(ctx.pathParam("id"), actor)));
        } catch (ActivationRefused e) {
            refused(ctx, e);
        }
    }

    public void history(Context ctx) {
        auth.actor(ctx);
        ArrayNode out = Json.array();
        admin.history(ctx.pathParam("id")).forEach(e -> out.add(entry(e)));
        Responses.json(ctx, Json.object().set("activations", out));
    }

    private static void refused(Context ctx, ActivationRefused e) {
        ObjectNode body = Json.object().put("error", e.getMessage());
        ArrayNode reasons = Json.array();
        e.reasons().forEach(reasons::add);
        Json.putNode(body, "reasons", reasons);
        ctx.status(409);
        Responses.json(ctx, body);
    }

    private static JsonNode body(Context ctx) {
        return ctx.body().isBlank() ? Json.object() : Json.readRequest(ctx.body());
    }

    private static ObjectNode entry(ActivationLog.Entry e) {
        ObjectNode n = Json.object().put("ruleSet", e.ruleSet());
        e.fromVersion().ifPresent(f -> n.put("fromVersion", f));
        return n.put("toVersion", e.toVersion()).put("actor", e.actor()).put("kind", e.kind()).put("at", e.at().toString());
    }

    static ArrayNode describe(org.waymark.engine.ruleset.RuleSetRegistry registry) {
        RuleSets sets = registry.current();
        ArrayNode out = Json.array();
        for (String id : sets.ids()) {
            ObjectNode set = Json.object().put("id", id);
            sets.active(id).ifPresent(a -> set.put("activeVersion", a.version()));
            ArrayNode versions = Json.array();
            sets.versions().stream().filter(v -> v.id().equals(id)).forEach(v -> versions.add(version(v, sets)));
            set.set("versions", versions);
            set.set("refused", RefusalView.of(registry, id));
            out.add(set);
        }
        return out;
    }

    private static ObjectNode version(RuleSetVersion v, RuleSets sets) {
        ObjectNode n = Json.object().put("id", v.id()).put("version", v.version());
        if (v instanceof CompiledRuleSet c) {
            n.put("state", "compiled").put("status", c.manifest().status().name().toLowerCase());
        } else if (v instanceof FailedRuleSet f) {
            n.put("state", "failed");
            ArrayNode problems = Json.array();
            f.problems().forEach(p -> problems.add(p.toString()));
            n.set("problems", problems);
        }
        n.put("active", sets.active(v.id()).map(a -> a.version().equals(v.version())).orElse(false));
        return n;
    }
}
