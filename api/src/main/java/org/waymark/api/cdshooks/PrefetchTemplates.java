package org.waymark.api.cdshooks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefetch templates Waymark asks EHRs for: the patient and every resource type the fact model
 * reads (see the engine's FactMapper). Keys are stable; clients fill them with searchset Bundles.
 */
public final class PrefetchTemplates {
    public static final String PATIENT_KEY = "patient";

    private PrefetchTemplates() {
    }

    public static Map<String, String> patientRecord() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PATIENT_KEY, "Patient/{{context.patientId}}");
        m.put("conditions", "Condition?patient={{context.patientId}}");
        m.put("observations", "Observation?patient={{context.patientId}}");
        m.put("procedures", "Procedure?patient={{context.patientId}}");
        m.put("encounters", "Encounter?patient={{context.patientId}}");
        m.put("medicationRequests", "MedicationRequest?patient={{context.patientId}}&status=active");
        m.put("medicationStatements", "MedicationStatement?patient={{context.patientId}}&status=active");
        m.put("carePlans", "CarePlan?patient={{context.patientId}}");
        m.put("flags", "Flag?patient={{context.patientId}}&status=active");
        m.put("serviceRequests", "ServiceRequest?patient={{context.patientId}}");
        m.put("immunizations", "Immunization?patient={{context.patientId}}");
        return m;
    }

    /** The patient record plus the encounter being discharged. */
    public static Map<String, String> dischargeRecord() {
        Map<String, String> m = patientRecord();
        m.put("encounter", "Encounter/{{context.encounterId}}");
        return m;
    }
}
