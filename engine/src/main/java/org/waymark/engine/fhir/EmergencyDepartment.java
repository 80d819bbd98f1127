package org.waymark.engine.fhir;

import java.util.List;
import java.util.Set;
import org.waymark.engine.facts.Coding;

/**
 * Encounter types that make an encounter an A&E (emergency department) attendance whatever its class:
 * acute trusts and GP systems often send an A&E attendance with class AMB (ambulatory) and say "A&E" only
 * in the type. Attendances count towards High Intensity Use (CR-2.4).
 */
final class EmergencyDepartment {
    /**
     * SNOMED CT encounter types meaning an emergency department attendance:
     * 4525004 "Emergency department patient visit" and 50849002 "Emergency room admission" (SNOMED CT
     * international, in the UK Core Encounter Type value set's Encounter hierarchy), and 185210004 "Seen in
     * hospital casualty" (SNOMED CT UK, used for A&E attendances in NHS emergency-department FHIR guides).
     */
    static final Set<String> ATTENDANCE_TYPES = Set.of("4525004", "50849002", "185210004");

    private EmergencyDepartment() {
    }

    static boolean isAttendance(List<Coding> types) {
        return types.stream().anyMatch(c -> Coding.SNOMED.equals(c.system()) && ATTENDANCE_TYPES.contains(c.code()));
    }
}
