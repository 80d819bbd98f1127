package org.waymark.pathways.kpi;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Time-standard figures for one step of one pathway over many instances. {@code shareMet} is met over
 * (met + breached): instances still open within their deadline are not yet counted either way.
 */
public record StepKpi(String pathway, String step, boolean standardStep, double target, int instances, int met, int breached,
                      int open, Optional<Duration> medianTimeToStep) {
    public OptionalDouble shareMet() {
        int decided = met + breached;
        return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of(met / (double) decided);
    }
}
