package org.waymark.api.cdshooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.waymark.api.http.ApiException;
import org.waymark.engine.assessment.Assessment;
import org.waymark.engine.assessment.AssessmentRequest;
import org.waymark.engine.assessment.Assessor;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.time.EvaluationTime;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Answers one CDS Hooks call: validates it, reads the record, assesses it with the service's rule sets and care
 * pathways on one registry snapshot (the {@link Assessor} leaves out pathway advice a rule set already gave) and
 * returns typed cards. Everything HTTP-specific stays in the handler; audit and shadow evaluation observe the
 * result as {@link InvocationListener}s.
 */
public final class HookInvocation {
    /**
     * What an invocation produced: the cards and everything behind them, for the listeners. {@code snapshot} is the
     * registry snapshot the call used and {@code ruleSets} the versions it evaluated.
     */
    public record Result(CdsService service, HookRequest request, PatientRecord record, EvaluationTime time, RuleSets snapshot,
                         List<CompiledRuleSet> ruleSets, Assessment assessment, List<Card> cards) {
        public Result {
            ruleSets = List.copyOf(ruleSets);
            cards = List.copyOf(cards);
        }

        public CardsResponse response() {
            return new CardsResponse(cards);
        }
    }

    private final RuleSetRegistry registry;
    private final PathwayRegistry pathways;
    private final Assessor assessor;
    private final PrefetchReader prefetchReader;
    private final CardFactory cards;
    private final CdsServiceCatalog catalog;

    public HookInvocation(RuleSetRegistry registry, PathwayService pathways, CdsServiceCatalog catalog, PrefetchReader prefetchReader,
                          CardFactory cards) {
        this.catalog = catalog;
        this.registry = registry;
        this.pathways = pathways.registry();
        this.assessor = new Assessor(pathways);
        this.prefetchReader = prefetchReader;
        this.cards = cards;
    }

    private static void checkpoint(long deadlineNanos) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new ApiException(503, "the evaluation did not finish within its deadline; no cards were issued");
        }
    }

    public Result invoke(String serviceId, byte[] body, Instant asOf) {
        return invoke(serviceId, body, asOf, Long.MAX_VALUE, Optional.empty());
    }

    /**
     * As above ({@code body} in UTF-8), giving up with a 503 (and no cards) once {@code deadlineNanos} (a System.nanoTime value) has
     * passed at a checkpoint: after reading the record, after the assessment. Each rule set's work is bounded by
     * its firing limit, so the checks come round. Data missing from prefetch is fetched from the FHIR servers
     * allowed for {@code client} (the authenticated issuer) within that deadline.
     */
    public Result invoke(String serviceId, byte[] body, Instant asOf, long deadlineNanos, Optional<String> client) {
        RuleSets snapshot = registry.current();
        CdsService service = catalog.find(snapshot, pathways.active(), serviceId)
                .orElseThrow(() -> new ApiException(404, "no CDS service with id '" + serviceId + "'"));
        HookRequest request = HookRequestParser.parse(body, service.prefetch().keySet());
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
        Assessment assessment = assessor.assess(new AssessmentRequest(record, time, ruleSets, service.pathways(), service.onlyCodes()));
        checkpoint(deadlineNanos);
        return new Result(service, request, record, time, snapshot, ruleSets, assessment,
                assessment.recommendations().stream().map(cards::card).toList());
    }
}
