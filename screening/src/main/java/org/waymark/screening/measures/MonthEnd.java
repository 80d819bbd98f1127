package org.waymark.screening.measures;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The instant a month of a series is evaluated at: 23:59:59.999 on the month's last day, England time (the last
 * millisecond before the next month starts in Europe/London). Not the next month's first instant, since an entry dated
 * that day (a date-only entry counts from the day's start) would then count in the month before.
 */
public final class MonthEnd {
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private MonthEnd() {
    }

    public static Instant of(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ENGLAND).toInstant().minusMillis(1);
    }
}
