package org.waymark.engine.fhir;

import java.util.Set;

/**
 * Whether a MedicationRequest is a current (repeat) medicine or a one-off. Only an explicitly acute course
 * is a one-off. These all count as repeats, because English systems send long-term medicines this way:
 * <ul>
 *   <li>courseOfTherapyType {@code continuous} (HL7 {@value #HL7}, UK Core {@value #UK_CORE}, EPS {@value #EPS});</li>
 *   <li>repeat dispensing: UK Core {@code continuous-repeating-dispensing}, EPS {@code continuous-repeat-dispensing};</li>
 *   <li>the UK Core repeat-information extension ({@value #REPEAT_INFORMATION}, or the URL EPS R4 messages use,
 *       {@value #EPS_REPEAT_INFORMATION}), or repeats allowed on the dispense request;</li>
 *   <li>no course at all, or a code Waymark does not know (an unknown course is assumed ongoing rather than ignored).</li>
 * </ul>
 * Sources: HL7 terminology medicationrequest-course-of-therapy 1.0.1; UK Core ValueSet
 * UKCore-MedicationRequestCourseOfTherapy 1.0.0 (2021-09-10); NHS Digital EPS (FHIR Medicines IG) CodeSystem
 * medicationrequest-course-of-therapy.
 */
final class MedicationCourse {
    static final String HL7 = "http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy";
    static final String UK_CORE = "https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationRequestCourseOfTherapy";
    static final String EPS = "https://fhir.nhs.uk/CodeSystem/medicationrequest-course-of-therapy";
    static final String REPEAT_INFORMATION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation";
    static final String EPS_REPEAT_INFORMATION = "https://fhir.nhs.uk/R4/StructureDefinition/Extension-UKCore-MedicationRepeatInformation";
    /** Systems whose {@code acute} code means a short, one-off course; a coding without a system is read the same way. */
    private static final Set<String> ACUTE_SYSTEMS = Set.of(HL7, UK_CORE, EPS, "");

    private MedicationCourse() {
    }

    static boolean isRepeat(Sparse m) {
        boolean repeatExtension = m.all("extension").stream()
                .anyMatch(e -> REPEAT_INFORMATION.equals(e.text("url")) || EPS_REPEAT_INFORMATION.equals(e.text("url")));
        String repeats = m.one("dispenseRequest").text("numberOfRepeatsAllowed");
        if (repeatExtension || repeats != null && Integer.parseInt(repeats) > 0) {
            return true;
        }
        return m.one("courseOfTherapyType").all("coding").stream()
                .noneMatch(c -> "acute".equals(c.text("code")) && ACUTE_SYSTEMS.contains(c.text("system") == null ? "" : c.text("system")));
    }
}
