package org.waymark.api.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.waymark.api.server.Json;
import org.waymark.engine.ruleset.RuleSetRegistry;

/** The versions of a rule set refused service, as JSON for health and the admin rule-set list. */
public final class RefusalView {
    private RefusalView() {
    }

    public static ArrayNode of(RuleSetRegistry registry, String ruleSet) {
        ArrayNode out = Json.array();
        registry.refusals().stream().filter(r -> r.id().equals(ruleSet)).forEach(r -> {
            ObjectNode n = Json.object().put("version", r.version()).put("phase", r.phase()).put("at", r.at().toString());
            ArrayNode reasons = Json.array();
            r.reasons().forEach(reasons::add);
            n.set("reasons", reasons);
            out.add(n);
        });
        return out;
    }
}
