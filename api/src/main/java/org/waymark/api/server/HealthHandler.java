package org.waymark.api.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.RuleSetRegistry;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: every {@link HealthCheck} is UP or
 * DEGRADED (503 when one is DOWN). {@code GET /health}: the same verdict, plus which version of each rule set
 * serves, every version that failed to load and why, and every version refused service (failing compilation, lint
 * or scenarios at start-up, activation or rollback) and why. The audit trail's dead letters make it DEGRADED.
 */
public final class HealthHandler {
    private final RuleSetRegistry registry;
    private final List<HealthCheck> checks;
    private final java.util.function.LongSupplier auditDeadLetters;

    public HealthHandler(RuleSetRegistry registry, List<HealthCheck> checks, java.util.function.LongSupplier auditDeadLetters) {
        this.registry = registry;
        this.checks = List.copyOf(checks);
        this.auditDeadLetters = auditDeadLetters;
    }

    public void live(Context ctx) {
        Responses.json(ctx, Json.object().put("status", HealthCheck.Status.UP.name()));
    }

    public void ready(Context ctx) {
        answer(ctx, verdict());
    }

    public void handle(Context ctx) {
        ObjectNode body = verdict();
        body.put("auditDeadLetters", auditDeadLetters.getAsLong());
        body.set("ruleSets", ruleSets(registry.current()));
        answer(ctx, body);
    }

    private static void answer(Context ctx, ObjectNode body) {
        ctx.status(HealthCheck.Status.DOWN.name().equals(body.path("status").asText()) ? 503 : 200);
        Responses.json(ctx, body);
    }

    /** The worst status of all checks, and each check's own. */
    private ObjectNode verdict() {
        HealthCheck.Status worst = HealthCheck.Status.UP;
        ArrayNode results = Json.array();
        for (HealthCheck check : checks) {
            HealthCheck.Result r = outcome(check);
            worst = r.status().compareTo(worst) > 0 ? r.status() : worst;
            ObjectNode node = Json.object().put("name", check.name()).put("status", r.status().name());
            results.add(Json.putText(node, "detail", r.detail()));
        }
        ObjectNode body = Json.object().put("status", worst.name());
        body.set("checks", results);
        return body;
    }

    private static HealthCheck.Result outcome(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return HealthCheck.Result.down("the check failed: " + e.getClass().getSimpleName());
        }
    }

    private ArrayNode ruleSets(RuleSets snapshot) {
        ArrayNode sets = Json.array();
        for (String id : snapshot.ids()) {
            ObjectNode set = Json.object().put("id", id);
            snapshot.active(id).ifPresent(a -> set.put("activeVersion", a.version()));
            ArrayNode versions = Json.array();
            for (RuleSetVersion v : snapshot.versions()) {
                if (!v.id().equals(id)) {
                    continue;
                }
                ObjectNode node = Json.object().put("version", v.version());
                if (v instanceof CompiledRuleSet c) {
                    node.put("state", "compiled").put("status", c.manifest().status().name().toLowerCase());
                } else if (v instanceof FailedRuleSet f) {
                    node.put("state", "failed");
                    ArrayNode problems = Json.array();
                    f.problems().forEach(p -> problems.add(p.toString()));
                    node.set("problems", problems);
                }
                versions.add(node);
            }
            set.set("versions", versions);
            set.set("refused", org.waymark.api.admin.RefusalView.of(registry, id));
            sets.add(set);
        }
        return sets;
    }
}
