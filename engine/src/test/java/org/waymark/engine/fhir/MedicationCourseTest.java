package org.waymark.engine.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.waymark.engine.facts.Medication;

class MedicationCourseTest {
    private static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

    private static boolean repeat(String extra) throws RecordException {
        return ((Medication) Records.only(AS_OF, "{\"resourceType\":\"MedicationRequest\",\"id\":\"m1\",\"status\":\"active\",\"intent\":\"order\","
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"39113611000001102\"}]},"
                + "\"authoredOn\":\"2026-10-01\"" + extra + "}")).repeat();
    }

    private static String course(String system, String code) {
        return ",\"courseOfTherapyType\":{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\"}]}";
    }

    @Test
    void onlyAnExplicitlyAcuteCourseIsAOneOff() throws Exception {
        assertEquals(false, repeat(course(MedicationCourse.HL7, "acute")));
        assertEquals(false, repeat(course(MedicationCourse.UK_CORE, "acute")));
        assertEquals(false, repeat(course(MedicationCourse.EPS, "acute")));
    }

    @Test
    void continuousRepeatDispensingAbsentAndUnknownCoursesAreRepeats() throws Exception {
        assertEquals(true, repeat(""), "absent course");
        assertEquals(true, repeat(course(MedicationCourse.HL7, "continuous")));
        assertEquals(true, repeat(course(MedicationCourse.UK_CORE, "continuous-repeating-dispensing")));
        assertEquals(true, repeat(course(MedicationCourse.EPS, "continuous-repeat-dispensing")));
        assertEquals(true, repeat(course(MedicationCourse.EPS, "continuous")));
        assertEquals(true, repeat(course("https://example.org/other", "acute")), "acute in an unknown system is not known to be acute");
    }

    @Test
    void repeatInformationExtensionOrRepeatsAllowedMakeARepeat() throws Exception {
        assertEquals(true, repeat(course(MedicationCourse.HL7, "acute") + ",\"extension\":[{\"url\":\"" + MedicationCourse.REPEAT_INFORMATION
                + "\",\"extension\":[{\"url\":\"numberOfPrescriptionsIssued\",\"valueUnsignedInt\":3}]}]"));
        assertEquals(true, repeat(course(MedicationCourse.HL7, "acute") + ",\"dispenseRequest\":{\"numberOfRepeatsAllowed\":5}"));
    }
}
