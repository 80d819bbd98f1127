package org.waymark.screening.measures;

import java.time.Duration;
import java.util.Optional;
import java.util.Locale;

/**
 * Small-number suppression (NHS statistical disclosure control), applied to every published count, rate and share.
 * On ({@link #NHS_SDC}, the default): counts of 1 to 7 are shown as "*" and every other count is rounded to the nearest
 * 5 (0 stays 0); rates and shares are computed from the unrounded counts but withheld when their numerator or
 * denominator is 1 to 7; a median or centile over 1 to 7 times is withheld. Off ({@link #NONE}): exact figures,
 * marked unsuppressed in every output.
 */
public record Disclosure(boolean suppress) {
    public static final Disclosure NHS_SDC = new Disclosure(true);
    public static final Disclosure NONE = new Disclosure(false);
    public static final String SUPPRESSED = "*";
    private static final long LARGEST_SUPPRESSED = 7;
    private static final long ROUND_TO = 5;

    /** The marker each output carries: {@code suppressed} or {@code UNSUPPRESSED}. */
    public String marker() {
        return suppress ? "suppressed" : "UNSUPPRESSED";
    }

    /** The rule in words, for the report and summary. */
    public String description() {
        return suppress
                ? "NHS statistical disclosure control: counts of 1 to 7 are shown as * and other counts are rounded to the nearest 5; "
                + "rates and percentages are computed from unrounded counts and withheld where a count or denominator is 1 to 7."
                : "UNSUPPRESSED: exact counts including 1 to 7, produced with --no-suppression. Not for publication.";
    }

    boolean hides(long n) {
        return suppress && n >= 1 && n <= LARGEST_SUPPRESSED;
    }

    public Figure count(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count is never negative: " + n);
        }
        if (hides(n)) {
            return Figure.label(SUPPRESSED);
        }
        long shown = suppress ? Math.round(n / (double) ROUND_TO) * ROUND_TO : n;
        return Figure.number(shown, Long.toString(shown));
    }

    /** {@code count} per 1,000 of {@code denominator}, to one decimal place. */
    public Figure ratePerThousand(long count, long denominator) {
        return ratio(count, denominator, 1000);
    }

    /** {@code count} as a percentage of {@code denominator}, to one decimal place. */
    public Figure percent(long count, long denominator) {
        return ratio(count, denominator, 100);
    }

    private Figure ratio(long count, long denominator, double scale) {
        if (denominator == 0) {
            return Figure.none();
        }
        if (hides(count) || hides(denominator)) {
            return Figure.label(SUPPRESSED);
        }
        double value = Math.round(count * scale * 10 / denominator) / 10.0;
        return Figure.number(value, String.format(Locale.ROOT, "%.1f", value));
    }

    /** A duration in hours to one decimal place, withheld when it summarises 1 to 7 times (empty when there are none). */
    public Figure hours(Optional<Duration> d, int times) {
        if (d.isEmpty()) {
            return Figure.none();
        }
        if (hides(times)) {
            return Figure.label(SUPPRESSED);
        }
        double value = Math.round(d.get().getSeconds() / 360.0) / 10.0;
        return Figure.number(value, String.format(Locale.ROOT, "%.1f", value));
    }
}
