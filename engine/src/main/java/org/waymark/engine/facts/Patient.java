package org.waymark.engine.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The person being evaluated. {@code ageYears} is whole years at the evaluation instant (null when the
 * birth date is unknown, so age conditions never match). {@code deceasedAt} is known when the record dates the death. The NHS number is kept for identity checks and
 * pseudonymisation only; it never appears in cards or logs. {@code postcode} (as written in the home address) is read for
 * area measures such as the deprivation decile, never published itself; {@code ethnicGroup} is the 2021 census high-level
 * group of the UK Core ethnic category, empty when not stated or not recorded.
 */
public record Patient(String reference, Optional<String> nhsNumber, boolean nhsNumberValid, Optional<LocalDate> birthDate,
                      Integer ageYears, String sex, boolean deceased, Optional<Instant> deceasedAt, Optional<String> practice,
                      Optional<String> postcode, Optional<String> ethnicGroup) {
    public Patient {
        reference = Entries.reference(reference);
        nhsNumber = Objects.requireNonNullElse(nhsNumber, Optional.empty());
        birthDate = Objects.requireNonNullElse(birthDate, Optional.empty());
        sex = sex == null ? "unknown" : sex;
        deceasedAt = Objects.requireNonNullElse(deceasedAt, Optional.empty());
        practice = Objects.requireNonNullElse(practice, Optional.empty());
        postcode = Objects.requireNonNullElse(postcode, Optional.empty());
        ethnicGroup = Objects.requireNonNullElse(ethnicGroup, Optional.empty());
    }

    /** True unless the record says the person died on or before the as-of instant. */
    public boolean alive() {
        return !deceased;
    }
}
