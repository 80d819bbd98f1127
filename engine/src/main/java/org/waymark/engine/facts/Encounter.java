package org.waymark.engine.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An encounter that was not cancelled or entered in error. {@code codes} are its types; {@code classCode}
 * is the v3 ActCode class (AMB, EMER, IMP, HH, ...). {@code emergency} follows CR-2.4: class EMER, an
 * inpatient stay whose priority or admission source says emergency, or (any class) an emergency-department
 * encounter type. {@code at} is the period start; {@code end} is the period end, absent while the encounter
 * is open as of the evaluation instant.
 */
public record Encounter(String reference, List<Coding> codes, Set<String> valueSets, Optional<Instant> at, boolean dateOnly,
                        Optional<Instant> end, String classCode, boolean emergency) implements RecordEntry {
    public Encounter {
        Entries.check(reference, at);
        codes = Entries.codes(codes);
        valueSets = Entries.valueSets(valueSets);
        end = end == null ? Optional.empty() : end;
        classCode = classCode == null ? "" : classCode;
    }
}
