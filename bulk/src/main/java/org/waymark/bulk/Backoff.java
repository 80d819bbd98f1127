package org.waymark.bulk;

import java.time.Duration;
import java.util.Optional;

/**
 * How long to wait before the next status poll: the server's {@code Retry-After} when it gives one, otherwise
 * {@code initial} doubled on each attempt; either way no shorter than {@code initial} (a server asking for 0 s
 * would be polled in a busy loop) and no longer than {@code max}.
 */
record Backoff(Duration initial, Duration max) {
    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max");
        }
    }

    /** The wait before poll {@code attempt} (0 for the first poll after the kick-off). */
    Duration next(int attempt, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> initial.multipliedBy(1L << Math.min(attempt, 30)));
        if (wait.compareTo(initial) < 0) {
            return initial;
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
