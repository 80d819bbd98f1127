package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.api.admin.ShadowEvaluation;
import org.waymark.api.server.ApiException;
import org.waymark.api.server.Json;
import org.waymark.engine.assessment.PathwayScope;
import org.waymark.engine.evaluation.Evaluation;
import org.waymark.engine.evaluation.Evaluator;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Answers one CDS Hooks call: validates it, reads the record, evaluates the service's rule sets on one
 * registry snapshot (and its care pathways, leaving out advice a rule set already gave) and returns the cards. Everything HTTP-specific stays in the handler.
 */
public final class HookInvocation {
    /** What an invocation produced: the response body and the evaluation behind it, for the audit trail. */
    public record Result(ObjectNode body, CdsService service, HookRequest request, String patientReference, Evaluation evaluation,
                         List<ObjectNode> cards) {
    }

    private final RuleSetRegistry registry;
    private final PathwayService pathways;
    private final PrefetchReader prefetchReader;
    private final CardFactory cards;
    private final Evaluator evaluator = new Evaluator();
    private final CdsServiceCatalog catalog;

    private final ShadowEvaluation shadows;

    public HookInvocation(RuleSetRegistry registry, PathwayService pathways, CdsServiceCatalog catalog, PrefetchReader prefetchReader,
                          CardFactory cards, ShadowEvaluation shadows) {
        this.catalog = catalog;
        this.registry = registry;
        this.shadows = shadows;
        this.pathways = pathways;
        this.prefetchReader = prefetchReader;
        this.cards = cards;
    }

    private static void checkpoint(long deadlineNanos) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new ApiException(503, "the evaluation did not finish within its deadline; no cards were issued");
        }
    }

    /** Keeps only the service's codes, when it names any (e.g. medication review on order-sign). */
    private static Evaluation only(Evaluation e, CdsService service) {
        if (service.onlyCodes().isEmpty()) {
            return e;
        }
        return new Evaluation(e.asOf(), e.recommendations().stream().filter(r -> service.onlyCodes().contains(r.code())).toList(), e.firedRules());
    }

    public Result invoke(String serviceId, String body, Instant asOf) {
        return invoke(serviceId, body, asOf, Long.MAX_VALUE, Optional.empty());
    }

    /**
     * As above, giving up with a 503 (and no cards) once {@code deadlineNanos} (a System.nanoTime value) has
     * passed at a checkpoint: after reading the record, after the rule sets, after the pathways. Each rule
     * set's work is bounded by its firing limit, so the checks come round. Data missing from prefetch is
     * fetched from the FHIR servers allowed for {@code client} (the authenticated issuer) within that deadline.
     */
    public Result invoke(String serviceId, String body, Instant asOf, long deadlineNanos, Optional<String> client) {
        RuleSets snapshot = registry.current();
        CdsService service = catalog.find(snapshot, pathways.registry().active(), serviceId)
                .orElseThrow(() -> new ApiException(404, "no CDS service with id '" + serviceId + "'"));
        HookRequest request = HookRequestParser.parse(body);
        if (!request.hook().equals(service.hook())) {
            throw ApiException.badRequest("service '" + serviceId + "' answers the " + service.hook() + " hook, not '"
                    + request.hook() + "'", "hook");
        }
        if (service.hook().equals(CdsServiceCatalog.ENCOUNTER_DISCHARGE) && !request.context().hasNonNull("encounterId")) {
            throw ApiException.badRequest("'context.encounterId' is required for encounter-discharge", "context.encounterId");
        }
        List<org.hl7.fhir.r4.model.Resource> drafts = service.hook().equals(CdsServiceCatalog.ORDER_SIGN) ? DraftOrders.from(request) : List.of();
        PatientRecord record = prefetchReader.read(request, client, service, asOf, drafts, deadlineNanos);
        if (service.hook().equals(CdsServiceCatalog.ENCOUNTER_DISCHARGE)) {
            record = DischargingEncounter.endedAt(record, request.context().get("encounterId").asText(), asOf);
        }
        checkpoint(deadlineNanos);
        List<CompiledRuleSet> ruleSets = service.ruleSetIds().stream().map(id -> snapshot.active(id).orElseThrow()).toList();
        EvaluationTime time = EvaluationTime.of(asOf);
        Evaluation evaluation = only(evaluator.evaluate(record, time, ruleSets), service);
        checkpoint(deadlineNanos);
        shadows.compare(service.id(), snapshot, ruleSets, evaluation, record, time);
        if (service.pathways().isPresent()) {
            PathwayScope scope = service.pathways().get();
            List<Recommendation> all = new ArrayList<>(evaluation.recommendations());
            all.addAll(pathways.recommendations(record, time, scope.ids(), evaluation.codes(), scope.dueWithin()));
            evaluation = new Evaluation(evaluation.asOf(), all, evaluation.firedRules());
            checkpoint(deadlineNanos);
        }
        ArrayNode cardArray = Json.array();
        List<ObjectNode> issued = evaluation.recommendations().stream().map(cards::card).toList();
        issued.forEach(cardArray::add);
        ObjectNode response = Json.object();
        response.set("cards", cardArray);
        return new Result(response, service, request, record.patient().reference(), evaluation, issued);
    }
}
