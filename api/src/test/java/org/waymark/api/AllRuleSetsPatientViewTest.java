package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.SyntheticPatients;

/** One complex patient, every rule set, one call, no duplicated advice. */
class AllRuleSetsPatientViewTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.bundledRules();

    @Test
    void complexCareHomeResidentGetsTheExpectedCardsFromAllFourRuleSetsOnce() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/neighbourhood-care?asOf=2026-11-24T09:00:00Z",
                CdsHooksRequests.patientView(SyntheticPatients.complexCareHomeResident()));
        assertEquals(200, r.statusCode(), r.body());
        List<String> codes = new ArrayList<>();
        Set<String> ruleSets = new HashSet<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            codes.add(card.path("source").path("topic").path("code").asText());
            ruleSets.add(card.path("extension").path("org.waymark.provenance").path("ruleSet").asText());
        }
        assertEquals(List.of(
                "care-homes.care-plan-overdue",
                "care-homes.frailty-assessment",
                "care-homes.medication-review",
                "carers.identify",
                "end-of-life.advance-care-plan",
                "end-of-life.preferred-place",
                "pathway.care-home-admission.home-round-review.overdue"), codes.stream().sorted().toList(), r.body());
        assertEquals(codes.size(), new HashSet<>(codes).size(), "no code appears twice");
        // The pathways' care-plan and advance-care-plan steps give the rule sets' advice, so they are left out.
        assertEquals(Set.of("care-homes", "carers", "end-of-life", "care-home-admission"), ruleSets);
    }

    @Test
    void theCarersCardCitesEveryReasonOnce() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/carers?asOf=2026-11-24T09:00:00Z",
                CdsHooksRequests.patientView(SyntheticPatients.complexCareHomeResident()));
        JsonNode cards = TestServer.json(r).path("cards");
        assertEquals(1, cards.size(), r.body());
        JsonNode provenance = cards.get(0).path("extension").path("org.waymark.provenance");
        assertEquals(Set.of("CA-IDENTIFY-DEMENTIA", "CA-IDENTIFY-FRAILTY", "CA-IDENTIFY-PALLIATIVE"),
                toSet(provenance.path("ruleIds")));
        assertEquals(3, provenance.path("evidence").size());
    }

    private static Set<String> toSet(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
