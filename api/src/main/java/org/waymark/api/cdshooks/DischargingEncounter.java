package org.waymark.api.cdshooks;

import java.time.Instant;
import java.util.Optional;
import org.waymark.engine.facts.Encounter;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.facts.RecordEntry;

/**
 * The encounter-discharge hook fires as the patient leaves: the encounter it names has ended now, even though the
 * EHR has not yet written its end. Discharge pathways count from that moment (CR-6.2, CR-6.3), not the admission.
 */
final class DischargingEncounter {
    private DischargingEncounter() {
    }

    static PatientRecord endedAt(PatientRecord record, String encounterId, Instant now) {
        String reference = "Encounter/" + encounterId;
        return new PatientRecord(record.patient(), record.entries().stream().map(e -> ended(e, reference, now)).toList());
    }

    private static RecordEntry ended(RecordEntry entry, String reference, Instant now) {
        if (entry instanceof Encounter e && e.reference().equals(reference) && e.end().isEmpty()) {
            return new Encounter(e.reference(), e.codes(), e.valueSets(), e.at(), e.dateOnly(), Optional.of(now), e.classCode(), e.emergency());
        }
        return entry;
    }
}
