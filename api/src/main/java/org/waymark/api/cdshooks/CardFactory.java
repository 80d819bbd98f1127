package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Supplier;
import org.waymark.api.server.Json;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.ruleset.Suggestion;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.time.EvaluationTime;

/**
 * Turns a recommendation into a CDS Hooks 2.0 card. The card names its provenance twice: for people in
 * the markdown detail, and for machines in {@code source.topic} (the recommendation code) and the
 * {@value #PROVENANCE} extension (rule set, version, rules, sources and evidence references).
 */
public final class CardFactory {
    public static final String RECOMMENDATION_SYSTEM = "https://waymark.example/fhir/CodeSystem/recommendation";
    public static final String OVERRIDE_SYSTEM = "https://waymark.example/fhir/CodeSystem/override-reason";
    public static final String PROVENANCE = "org.waymark.provenance";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final Supplier<UUID> uuids;

    public CardFactory(Supplier<UUID> uuids) {
        this.uuids = uuids;
    }

    public ObjectNode card(Recommendation r) {
        ObjectNode card = Json.object();
        card.put("uuid", uuids.get().toString());
        card.put("summary", r.summary());
        card.put("indicator", r.indicator().code());
        card.put("detail", detail(r));
        ObjectNode topic = Json.object().put("system", RECOMMENDATION_SYSTEM).put("code", r.code()).put("display", r.title());
        ObjectNode source = Json.object().put("label", "Waymark " + r.ruleSetId() + " " + r.ruleSetVersion());
        source.set("topic", topic);
        card.set("source", source);
        ArrayNode suggestions = Json.array();
        for (Suggestion s : r.suggestions()) {
            suggestions.add(suggestion(s));
        }
        if (!suggestions.isEmpty()) {
            card.set("suggestions", suggestions);
            card.put("selectionBehavior", "at-most-one");
        }
        card.set("overrideReasons", overrideReasons());
        card.set("extension", Json.object().set(PROVENANCE, provenance(r)));
        return card;
    }

    private ObjectNode suggestion(Suggestion s) {
        ObjectNode node = Json.object();
        node.put("label", s.label());
        node.put("uuid", uuids.get().toString());
        ArrayNode actions = Json.array();
        for (Suggestion.Action a : s.actions()) {
            ObjectNode action = Json.object().put("type", a.type());
            Json.putText(action, "description", a.description());
            a.resource().ifPresent(res -> action.set("resource", res));
            actions.add(action);
        }
        Json.putNode(node, "actions", actions);
        return node;
    }

    private static ArrayNode overrideReasons() {
        ArrayNode reasons = Json.array();
        reasons.add(reason("already-addressed", "Already addressed or recorded elsewhere"));
        reasons.add(reason("not-appropriate", "Not appropriate for this patient"));
        reasons.add(reason("patient-declined", "Patient declined"));
        return reasons;
    }

    private static ObjectNode reason(String code, String display) {
        return Json.object().put("system", OVERRIDE_SYSTEM).put("code", code).put("display", display);
    }

    private static ObjectNode provenance(Recommendation r) {
        ObjectNode p = Json.object();
        p.put("ruleSet", r.ruleSetId());
        p.put("ruleSetVersion", r.ruleSetVersion());
        p.put("ruleId", r.ruleId());
        ArrayNode rules = Json.array();
        r.ruleIds().forEach(rules::add);
        p.set("ruleIds", rules);
        ArrayNode sources = Json.array();
        r.sources().forEach(sources::add);
        Json.putNode(p, "sources", sources);
        ArrayNode evidence = Json.array();
        r.evidence().forEach(e -> evidence.add(e.reference()));
        Json.putNode(p, "evidence", evidence);
        return p;
    }

    static String detail(Recommendation r) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(r.title()).append("**\n\n");
        if (!r.rationale().isBlank()) {
            md.append("**Why:** ").append(r.rationale()).append("\n\n");
        }
        if (!r.detail().isBlank()) {
            md.append(r.detail().strip()).append("\n\n");
        }
        if (!r.evidence().isEmpty()) {
            md.append("**Evidence from the record:**\n\n");
            for (Evidence e : r.evidence()) {
                md.append("- ").append(e.description().isBlank() ? e.reference() : e.description());
                e.at().ifPresent(at -> md.append(" (").append(DAY.format(at.atZone(EvaluationTime.ZONE))).append(")"));
                md.append(" — `").append(e.reference()).append("`\n");
            }
            md.append('\n');
        }
        md.append("*Rule set ").append(r.ruleSetId()).append(' ').append(r.ruleSetVersion())
                .append(", rule ").append(String.join(", ", r.ruleIds()));
        if (!r.sources().isEmpty()) {
            md.append("; implements ").append(String.join(", ", r.sources()));
        }
        md.append(".*");
        return md.toString();
    }
}
