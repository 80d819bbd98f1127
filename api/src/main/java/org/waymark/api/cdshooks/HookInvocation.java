package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.waymark.api.server.ApiException;
import org.waymark.api.server.Json;
import org.waymark.engine.evaluation.Evaluation;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.time.EvaluationTime;

/**
 * Answers one CDS Hooks call: validates it, reads the record, evaluates the service's rule sets on one
 * registry snapshot and returns the cards. Everything HTTP-specific stays in the handler.
 */
public final class HookInvocation {
    /** What an invocation produced: the response body and the evaluation behind it, for the audit trail. */
    public record Result(ObjectNode body, CdsService service, Evaluation evaluation, List<ObjectNode> cards) {
    }

    private final RuleSetRegistry registry;
    private final PrefetchReader prefetchReader;
    private final CardFactory cards;
    private final Evaluator evaluator = new Evaluator();

    public HookInvocation(RuleSetRegistry registry, PrefetchReader prefetchReader, CardFactory cards) {
        this.registry = registry;
        this.prefetchReader = prefetchReader;
        this.cards = cards;
    }

    public Result invoke(String serviceId, String body, Instant asOf) {
        RuleSets snapshot = registry.current();
        CdsService service = CdsServiceCatalog.find(snapshot, serviceId)
                .orElseThrow(() -> new ApiException(404, "no CDS service with id '" + serviceId + "'"));
        HookRequest request = HookRequestParser.parse(body);
        if (!request.hook().equals(service.hook())) {
            throw ApiException.badRequest("service '" + serviceId + "' answers the " + service.hook() + " hook, not '"
                    + request.hook() + "'", "hook");
        }
        PatientRecord record = prefetchReader.read(request, service, asOf);
        List<CompiledRuleSet> ruleSets = service.ruleSetIds().stream().map(id -> snapshot.active(id).orElseThrow()).toList();
        Evaluation evaluation = evaluator.evaluate(record, EvaluationTime.of(asOf), ruleSets);
        ArrayNode cardArray = Json.array();
        List<ObjectNode> issued = evaluation.recommendations().stream().map(cards::card).toList();
        issued.forEach(cardArray::add);
        ObjectNode response = Json.object();
        response.set("cards", cardArray);
        return new Result(response, service, evaluation, issued);
    }
}
