package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A current medicine: an active MedicationRequest or an active MedicationStatement. `repeat` is true for continuous or repeat courses. `at` is authoredOn or the effective start. */
public record Medication(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean repeat) implements RecordEntry {
    public Medication {
        reference = Entries.reference(reference);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
        at = at == null ? Optional.empty() : at;
    }

    /**
     * Which medicine this is, so twelve issues of one drug count once: the first coding (system and code, e.g.
     * the dm+d product), or the reference when the request is not coded.
     */
    public String medicine() {
        return codes.isEmpty() ? reference : codes.get(0).key();
    }

    /** How many different medicines the requests are (DRL hands over untyped lists). */
    public static int distinctMedicines(java.util.Collection<?> medications) {
        return (int) medications.stream().map(m -> ((Medication) m).medicine()).distinct().count();
    }

    @Override
    public Medication withValueSets(Set<String> valueSets) {
        return new Medication(reference, codes, valueSets, at, repeat);
    }
}
