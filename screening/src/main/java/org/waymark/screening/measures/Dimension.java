package org.waymark.screening.measures;

/**
 * What measures are broken down by. Extension point: DEPRIVATION_DECILE and ETHNIC_GROUP are defined but nothing fills
 * them yet (the generator and the inputs carry no area or ethnicity); once a {@link ScreenedPatient} carries a value for
 * them, {@code breakdowns.csv}, {@code summary.json} and the report include them with no other change. A dimension no
 * patient has a value for is left out of the outputs rather than shown as all "unknown".
 */
public enum Dimension {
    AGE_BAND("age_band"),
    SEX("sex"),
    DEPRIVATION_DECILE("deprivation_decile"),
    ETHNIC_GROUP("ethnic_group");

    private final String column;

    Dimension(String column) {
        this.column = column;
    }

    /** The name used in the CSV, JSON and report. */
    public String column() {
        return column;
    }
}
