package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordIntegrityTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

    private static String condition(String subjectJson) {
        return "{\"resourceType\":\"Condition\",\"id\":\"c7\",\"subject\":" + subjectJson
                + ",\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"52448006\"}]},\"onsetDateTime\":\"2020-01-01\"}";
    }

    private static String refused(String subjectJson) {
        return assertThrows(RecordException.class, () -> Records.read(AS_OF, condition(subjectJson))).getMessage();
    }

    @Test
    void anotherPatientsEntryIsRefusedInEveryReferenceStyle() {
        for (String ref : new String[] {"Patient/p2", "https://fhir.example.nhs.uk/R4/Patient/p2",
                "urn:uuid:22222222-2222-4222-8222-222222222222"}) {
            String message = refused("{\"reference\":\"" + ref + "\"}");
            assertTrue(message.contains("Condition/c7"), message);
            assertTrue(message.contains(ref), message);
        }
    }

    @Test
    void theRecordsOwnPatientIsAcceptedInEveryReferenceStyle() throws Exception {
        for (String ref : new String[] {"Patient/p1", "https://fhir.example.nhs.uk/R4/Patient/p1",
                "https://fhir.example.nhs.uk/R4/Patient/p1/_history/3", "urn:uuid:11111111-1111-4111-8111-111111111111"}) {
            assertEquals(1, Records.read(AS_OF, condition("{\"reference\":\"" + ref + "\"}")).entries().size(), ref);
        }
    }

    @Test
    void otherResourceTypesAndNhsNumbersThatDifferAreRefused() {
        assertTrue(refused("{\"reference\":\"Group/p1\"}").contains("Group/p1"));
        String nhs = refused("{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9990000018\"}}");
        assertTrue(nhs.contains("an NHS number") && !nhs.contains("9990000018"), nhs);
    }

    @Test
    void immunizationPatientElementIsCheckedAndUnnamedEntriesIndexed() {
        String message = assertThrows(RecordException.class, () -> Records.read(AS_OF,
                "{\"resourceType\":\"Immunization\",\"status\":\"completed\",\"patient\":{\"reference\":\"Patient/p2\"},"
                        + "\"vaccineCode\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"1037311000000106\"}]},"
                        + "\"occurrenceDateTime\":\"2026-10-01\"}")).getMessage();
        assertTrue(message.contains("Immunization/#1"), message);
        assertTrue(message.contains("patient 'Patient/p2'"), message);
    }

    @Test
    void anEntryWithoutSubjectIsKept() throws Exception {
        assertEquals(1, Records.read(AS_OF, "{\"resourceType\":\"Condition\",\"id\":\"c1\","
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"52448006\"}]}}").entries().size());
    }
}
