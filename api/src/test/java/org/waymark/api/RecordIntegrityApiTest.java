package org.waymark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.waymark.fixtures.CdsHooksRequests;
import org.waymark.fixtures.PatientBuilder;

/** Patient safety: an entry naming another patient is refused with 400, never used as evidence. */
class RecordIntegrityApiTest {
    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.bundledRules();

    /** A frail patient (the eFI alone would give a card) whose record also holds a dementia entry with the given subject. */
    private static PatientBuilder frailWithEntryFor(String subject) {
        PatientBuilder p = PatientBuilder.patient("pv-integrity").born("1938-05-01").female()
                .observation("713636003", "Frailty index score", 0.36, "2026-10-01");
        Condition c = new Condition();
        c.setId("other-dementia");
        c.getCode().addCoding().setSystem(PatientBuilder.SNOMED).setCode("52448006");
        c.setSubject(new Reference(subject));
        return p.resource(c);
    }

    @Test
    void anotherPatientsEntryIsA400NamingTheEntryForEveryReferenceStyle() throws Exception {
        for (String subject : new String[] {"Patient/someone-else", "https://fhir.example.nhs.uk/R4/Patient/someone-else",
                "urn:uuid:5b0c1b7e-2b58-4c1e-9d9e-0a4f0e1c2d3e"}) {
            HttpResponse<String> r = server.post("/cds-services/proactive-care", CdsHooksRequests.patientView(frailWithEntryFor(subject)));
            assertEquals(400, r.statusCode(), subject + ": " + r.body());
            JsonNode outcome = TestServer.json(r);
            assertEquals("OperationOutcome", outcome.path("resourceType").asText(), r.body());
            String diagnostics = outcome.path("issue").get(0).path("diagnostics").asText();
            assertTrue(diagnostics.contains("Condition/other-dementia"), diagnostics);
            assertTrue(diagnostics.contains(subject), diagnostics);
        }
    }

    @Test
    void theSamePatientReferencedAbsolutelyIsAccepted() throws Exception {
        HttpResponse<String> r = server.post("/cds-services/proactive-care",
                CdsHooksRequests.patientView(frailWithEntryFor("https://fhir.example.nhs.uk/R4/Patient/pv-integrity")));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("proactive-care.frailty-review"), r.body());
    }

    @Test
    void prefetchPatientOtherThanContextPatientIsA400() throws Exception {
        String body = CdsHooksRequests.patientView(frailWithEntryFor("Patient/pv-integrity"))
                .replace("\"patientId\":\"pv-integrity\"", "\"patientId\":\"someone-else\"");
        HttpResponse<String> r = server.post("/cds-services/proactive-care", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("context.patientId"), r.body());
    }
}
