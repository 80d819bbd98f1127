package org.waymark.api.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.FailedRuleSet;
import org.waymark.engine.ruleset.RuleSetVersion;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.RuleSetRegistry;

/**
 * {@code GET /health}: up, which version of each rule set serves, and every version that failed to load and why;
 * DEGRADED (still 200) while the audit trail holds dead letters, with their count.
 */
public final class HealthHandler {
    private final RuleSetRegistry registry;
    private final java.util.function.LongSupplier auditDeadLetters;

    public HealthHandler(RuleSetRegistry registry, java.util.function.LongSupplier auditDeadLetters) {
        this.registry = registry;
        this.auditDeadLetters = auditDeadLetters;
    }

    public void handle(Context ctx) {
        RuleSets snapshot = registry.current();
        ObjectNode body = Json.object();
        long deadLetters = auditDeadLetters.getAsLong();
        body.put("status", snapshot.allActive().isEmpty() ? "DOWN" : deadLetters > 0 ? "DEGRADED" : "UP");
        body.put("auditDeadLetters", deadLetters);
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
            sets.add(set);
        }
        body.set("ruleSets", sets);
        ctx.status(snapshot.allActive().isEmpty() ? 503 : 200);
        Responses.json(ctx, body);
    }
}
