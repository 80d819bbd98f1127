package org.waymark.pathways.evaluation;

import java.util.Locale;

/**
 * Where a step stands as of the evaluation instant. {@code PENDING}: it cannot start yet because the earlier
 * step its deadline counts from is not done. {@code NOT_REQUIRED}: optional and not done, or no longer
 * possible because the patient has died.
 */
public enum StepStatus {
    DONE, DUE, OVERDUE, PENDING, NOT_REQUIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
