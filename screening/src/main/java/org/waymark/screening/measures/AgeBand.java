package org.waymark.screening.measures;

/** The age bands population measures are broken down by: 0-17, 18-64, 65-74, 75-84, 85+ (whole years at the as-of instant). */
public final class AgeBand {
    /** The band of a patient whose birth date is not known. */
    public static final String UNKNOWN = "unknown";

    private AgeBand() {
    }

    /** {@code ageYears} is null when the birth date is unknown (as in the engine's Patient facts). */
    public static String of(Integer ageYears) {
        if (ageYears == null || ageYears < 0) {
            return UNKNOWN;
        }
        if (ageYears < 18) {
            return "0-17";
        }
        if (ageYears < 65) {
            return "18-64";
        }
        if (ageYears < 75) {
            return "65-74";
        }
        return ageYears < 85 ? "75-84" : "85+";
    }
}
