package org.waymark.screening.measures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.waymark.pathways.kpi.PathwayKpi;

/** One PCN's figures for one pathway step: outcomes and the times to done, for the share met, median and 90th centile. */
final class StepTimes {
    final boolean standardStep;
    final double target;
    long met;
    long breached;
    long open;
    final List<Duration> times = new ArrayList<>();

    StepTimes(boolean standardStep, double target) {
        this.standardStep = standardStep;
        this.target = target;
    }

    void add(StepOutcome o) {
        switch (o.outcome()) {
            case MET -> met++;
            case BREACHED -> breached++;
            case OPEN -> open++;
        }
        o.timeToDone().ifPresent(times::add);
    }

    long instances() {
        return met + breached + open;
    }

    /** As {@link PathwayKpi}: the middle time, or the mean of the two middle times. */
    Optional<Duration> median() {
        List<Duration> s = sorted();
        int n = s.size();
        return n == 0 ? Optional.empty() : Optional.of(n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).plus(s.get(n / 2)).dividedBy(2));
    }

    /** The nearest-rank 90th centile: the smallest time at or above which 10% of times lie. */
    Optional<Duration> p90() {
        List<Duration> s = sorted();
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get((int) Math.ceil(0.9 * s.size()) - 1));
    }

    private List<Duration> sorted() {
        return times.stream().sorted().toList();
    }
}
