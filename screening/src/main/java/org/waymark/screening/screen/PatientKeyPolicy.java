package org.waymark.screening.screen;

import java.util.Optional;
import org.waymark.engine.facts.Patient;
import org.waymark.engine.privacy.PatientKeys;

/** How the cohort names patients: a keyed hash (default) or, when chosen, the real resource id. */
public record PatientKeyPolicy(Optional<PatientKeys> pseudonymise) {
    public static PatientKeyPolicy realIds() {
        return new PatientKeyPolicy(Optional.empty());
    }

    public static PatientKeyPolicy pseudonymised(PatientKeys keys) {
        return new PatientKeyPolicy(Optional.of(keys));
    }

    String keyOf(Patient patient) {
        String id = patient.reference().substring(patient.reference().indexOf('/') + 1);
        return pseudonymise.map(k -> k.keyOf(patient.reference())).orElse(id);
    }
}
