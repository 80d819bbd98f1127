package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.RecordEntry;

class AsOfMappingTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

    private static String procedure(String id, String performed) {
        return "{\"resourceType\":\"Procedure\",\"id\":\"" + id + "\",\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/p1\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"719329005\"}]}"
                + (performed == null ? "" : ",\"performedDateTime\":\"" + performed + "\"") + "}";
    }

    private static String encounter(String classCode, String type, String start, String end) {
        return "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"status\":\"finished\",\"subject\":{\"reference\":\"Patient/p1\"},"
                + "\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"" + classCode + "\"},"
                + "\"type\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"" + type + "\"}]}],"
                + "\"period\":{\"start\":\"" + start + "\"" + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}}";
    }

    @Test
    void entriesAfterAsOfAreDroppedAndTodayAndUndatedKept() throws Exception {
        List<String> kept = Records.read(AS_OF,
                procedure("before", "2026-11-20T11:59:00Z"),
                procedure("later-today", "2026-11-20T12:01:00Z"),
                procedure("today-date-only", "2026-11-20"),
                procedure("tomorrow", "2026-11-21"),
                procedure("undated", null)).entries().stream().map(RecordEntry::reference).toList();
        assertEquals(List.of("Procedure/before", "Procedure/today-date-only", "Procedure/undated"), kept);
    }

    @Test
    void encounterOpenAtAsOfIsKeptWithoutItsEnd() throws Exception {
        Encounter open = (Encounter) Records.only(AS_OF, encounter("IMP", "183452005", "2026-11-18T10:00:00Z", "2026-11-23T10:00:00Z"));
        assertEquals(Optional.empty(), open.end());
        Encounter ended = (Encounter) Records.only(AS_OF, encounter("IMP", "183452005", "2026-11-18T10:00:00Z", "2026-11-19T10:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-11-19T10:00:00Z")), ended.end());
        assertTrue(Records.read(AS_OF, encounter("IMP", "183452005", "2026-11-21T10:00:00Z", null)).entries().isEmpty());
    }

    @Test
    void emergencyDepartmentTypeMakesAnyClassAnEmergencyAttendance() throws Exception {
        for (String type : EmergencyDepartment.ATTENDANCE_TYPES) {
            assertTrue(Records.only(AS_OF, encounter("AMB", type, "2026-10-01", null)).emergency(), type);
        }
        assertEquals(false, Records.only(AS_OF, encounter("AMB", "185349003", "2026-10-01", null)).emergency(), "GP consultation");
    }

    @Test
    void immunizationDatedByOccurrenceString() throws Exception {
        for (String occurrence : new String[] {"\"occurrenceDateTime\":\"2026-10-03\"", "\"occurrenceString\":\"2026-10-03\"",
                "\"occurrenceString\":\"3/10/2026\""}) {
            RecordEntry e = Records.only(AS_OF, "{\"resourceType\":\"Immunization\",\"id\":\"i1\",\"status\":\"completed\","
                    + "\"patient\":{\"reference\":\"Patient/p1\"},\"vaccineCode\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                    + "\"code\":\"1037311000000106\"}]}," + occurrence + "}");
            assertEquals(Optional.of(Instant.parse("2026-10-02T23:00:00Z")), e.at(), occurrence);
            assertTrue(e.dateOnly());
        }
        RecordEntry text = Records.only(AS_OF, "{\"resourceType\":\"Immunization\",\"id\":\"i2\",\"status\":\"completed\","
                + "\"patient\":{\"reference\":\"Patient/p1\"},\"vaccineCode\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"1037311000000106\"}]},\"occurrenceString\":\"last autumn\"}");
        assertEquals(Optional.empty(), text.at());
        assertTrue(Records.read(AS_OF, "{\"resourceType\":\"Immunization\",\"id\":\"i3\",\"status\":\"not-done\","
                + "\"patient\":{\"reference\":\"Patient/p1\"},\"vaccineCode\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"1037311000000106\"}]},\"occurrenceString\":\"2026-10-03\"}").entries().isEmpty(), "completed only");
    }
}
