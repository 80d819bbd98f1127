package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;

/** encounter-discharge: the reablement and discharge-to-assess steps to start, with their deadlines. */
class DischargePlanningApiTest {
    private static final String LOCAL = "https://waymark.example/fhir/CodeSystem/local";
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.bundledRules();

    @Test
    void dischargeOnPathwayOneWithReablementReferralGetsBothStepsDue() throws Exception {
        PatientBuilder patient = PatientBuilder.patient("d2a-1").born("1938-02-01").female()
                .encounter("IMP", LOCAL, "discharge-pathway-1", "Discharged home with new support (D2A pathway 1)",
                        "2026-11-24T09:00:00Z", "2026-11-24T09:30:00Z")
                .referral(LOCAL, "reablement-referral", "Referral to reablement service", "2026-11-24T09:00:00Z");
        String body = CdsHooksRequests.encounterDischarge(patient, "d2a-1-enc-1");
        HttpResponse<String> r = server.post("/cds-services/discharge-planning?asOf=2026-11-24T10:00:00Z", body);
        assertEquals(200, r.statusCode(), r.body());
        List<String> codes = new ArrayList<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            codes.add(card.path("source").path("topic").path("code").asText());
        }
        // Both are due within 2 days of discharge; the discharge encounter arrives under two prefetch keys but counts once.
        assertEquals(List.of("pathway.discharge-to-assess.assessment.due", "pathway.reablement.reablement-started.due"),
                codes.stream().sorted().toList(), r.body());
    }

    @Test
    void clockStartsAtTheDischargeNotTheAdmission() throws Exception {
        // Admitted five days before the hook fires; the EHR has not written the encounter's end yet.
        PatientBuilder patient = PatientBuilder.patient("d2a-3").born("1938-02-01").female()
                .encounter("IMP", LOCAL, "discharge-pathway-1", "Discharge home with new support (D2A pathway 1)",
                        "2026-11-19T09:00:00Z", null);
        String body = CdsHooksRequests.encounterDischarge(patient, "d2a-3-enc-1");
        HttpResponse<String> r = server.post("/cds-services/discharge-planning?asOf=2026-11-24T10:00:00Z", body);
        assertEquals(200, r.statusCode(), r.body());
        List<String> codes = new ArrayList<>();
        for (JsonNode card : TestServer.json(r).path("cards")) {
            codes.add(card.path("source").path("topic").path("code").asText());
        }
        assertEquals(List.of("pathway.discharge-to-assess.assessment.due"), codes, r.body());
    }

    @Test
    void encounterDischargeWithoutEncounterIdIs400() throws Exception {
        String body = CdsHooksRequests.patientView(PatientBuilder.patient("d2a-2").born("1938-02-01"))
                .replace("\"hook\":\"patient-view\"", "\"hook\":\"encounter-discharge\"");
        HttpResponse<String> r = server.post("/cds-services/discharge-planning", body);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("context.encounterId", TestServer.json(r).path("issue").get(0).path("expression").get(0).asText());
    }

    @Test
    void patientViewToTheDischargeServiceIsAWrongHook() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/discharge-planning", CdsHooksRequests.fixture("fit-patient-view.json"));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("hook", TestServer.json(r).path("issue").get(0).path("expression").get(0).asText());
    }
}
