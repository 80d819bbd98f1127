package org.waymark.screening.measures;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the measures count of one screened patient: where they are registered, their strata (age band, sex, and any
 * other {@link Dimension} the data has) and the recommendation codes and overdue pathway steps found.
 */
public record ScreenedPatient(String practice, String pcn, Map<Dimension, String> strata, List<String> recommendations,
                              List<String> overdueSteps) {
    /** Shown for a patient with no practice, or a practice the PCN map does not list. */
    public static final String UNKNOWN_AREA = "(unknown)";

    public ScreenedPatient {
        practice = practice == null || practice.isBlank() ? UNKNOWN_AREA : practice;
        pcn = pcn == null || pcn.isBlank() ? UNKNOWN_AREA : pcn;
        strata = strata.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(strata));
        recommendations = List.copyOf(recommendations);
        overdueSteps = List.copyOf(overdueSteps);
        strata.values().forEach(v -> Objects.requireNonNull(v, "stratum"));
    }

    /** Has anything to act on: any recommendation or overdue step. */
    public boolean flagged() {
        return !recommendations.isEmpty() || !overdueSteps.isEmpty();
    }
}
