package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.Observation;

class ObservationMappingTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

    private static Observation obs(String valueJson) throws RecordException {
        return (Observation) Records.only(AS_OF, "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\","
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"763264000\"}]},"
                + "\"effectiveDateTime\":\"2026-10-01\"" + valueJson + "}");
    }

    @Test
    void valueStringHoldingANumberIsTheValue() throws Exception {
        assertEquals(7.0, obs(",\"valueString\":\"7\"").value());
        assertEquals(0.31, obs(",\"valueString\":\" 0.31 \"").value());
    }

    @Test
    void textOrNonFiniteValuesAreNoValueNotErrors() throws Exception {
        for (String v : new String[] {"\"valueString\":\"severe\"", "\"valueString\":\"NaN\"", "\"valueString\":\"1e309\"",
                "\"valueString\":\"Infinity\""}) {
            Observation o = obs("," + v);
            assertNull(o.value(), v);
            assertFalse(o.hasValue(), v);
            assertEquals("763264000", o.codes().get(0).code(), "the coded entry still counts: " + v);
        }
    }

    @Test
    void aQuantityBeyondTheRangeOfADoubleIsRefusedNamingIt() {
        // A number no measurement can have is bad input (a 4xx at the API), not a silent "no value".
        RecordException e = assertThrows(RecordException.class, () -> obs(",\"valueQuantity\":{\"value\":1e309}"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void quantityCarriesItsUcumCodeOrUnitText() throws Exception {
        Observation ucum = obs(",\"valueQuantity\":{\"value\":20,\"unit\":\"percent\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}");
        assertEquals(20.0, ucum.value());
        assertEquals(Optional.of("%"), ucum.unit());
        assertEquals(Optional.of("%"), obs(",\"valueQuantity\":{\"value\":20,\"unit\":\"%\"}").unit());
        assertEquals(Optional.empty(), obs(",\"valueQuantity\":{\"value\":0.2}").unit());
        assertEquals(Optional.empty(), obs(",\"valueInteger\":6").unit());
        assertEquals(6.0, obs(",\"valueInteger\":6").value());
    }

    @Test
    void codedValueStaysACode() throws Exception {
        Observation o = obs(",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"1129391000000100\"}]}");
        assertNull(o.value());
        assertTrue(o.codes().stream().anyMatch(c -> c.code().equals("1129391000000100")));
    }

    @Test
    void constructorRefusesNonFiniteValues() {
        Observation o = new Observation("Observation/x", null, null, Optional.empty(), false, Double.NaN, Optional.of(" "));
        assertNull(o.value());
        assertEquals(Optional.empty(), o.unit());
    }
}
