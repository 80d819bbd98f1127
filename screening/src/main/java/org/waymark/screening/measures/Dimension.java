package org.waymark.screening.measures;

/**
 * What measures are broken down by. Extension point: DEPRIVATION_DECILE and ETHNIC_GROUP are defined but nothing fills
 * them yet (the generator and the inputs carry no area or ethnicity); once a {@link ScreenedPatient} carries a value for
 * them, {@code breakdowns.csv}, {@code summary.json} and the report include them with no other change. A dimension no
 * patient has a value for is left out of the outputs rather than shown as all "unknown".
 */
public enum Dimension {
    AGE_BAND, SEX, DEPRIVATION_DECILE, ETHNIC_GROUP;

    /** The name used in the CSV, JSON and report: the constant's name in lower case ({@code age_band}). */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
