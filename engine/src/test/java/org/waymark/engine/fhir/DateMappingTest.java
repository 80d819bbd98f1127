package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.RecordEntry;

class DateMappingTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

    private static RecordEntry carePlan(String start) throws RecordException {
        return Records.only(AS_OF, "{\"resourceType\":\"CarePlan\",\"id\":\"c1\",\"status\":\"active\",\"intent\":\"plan\","
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"period\":{\"start\":\"" + start + "\"}}");
    }

    @Test
    void factsKeepThePrecisionTheRecordGave() throws Exception {
        RecordEntry dateOnly = carePlan("2026-03-02");
        assertTrue(dateOnly.dateOnly());
        assertEquals(Optional.of(Instant.parse("2026-03-02T00:00:00Z")), dateOnly.at());
        RecordEntry timed = carePlan("2026-03-02T09:15:00+01:00");
        assertFalse(timed.dateOnly());
        assertEquals(Optional.of(Instant.parse("2026-03-02T08:15:00Z")), timed.at());
        assertTrue(carePlan("2026-03").dateOnly(), "a month is coarser than a day");
    }
}
