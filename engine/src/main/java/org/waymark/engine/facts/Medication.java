package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A current medicine: an active MedicationRequest or an active MedicationStatement. {@code repeat} is false
 * only for a one-off: a request whose course of therapy is explicitly {@code acute}. Continuous, repeat and
 * repeat-dispensing courses, the UK Core repeat-information extension, and an absent (unknown) course are
 * repeats, because English GP systems send long-term medicines all of these ways. {@code at} is authoredOn
 * or the effective start.
 */
public record Medication(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly, boolean repeat) implements RecordEntry {
    public Medication {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
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
}
