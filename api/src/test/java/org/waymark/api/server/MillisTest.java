package org.waymark.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Millis prints what {@code String.format("%.Nf")} printed in the access log and the Server-Timing header. */
class MillisTest {
    @Test
    void printsAsTheFormatterDid() {
        long[] nanos = {0, 1, 4_999, 5_000, 49_999, 50_000, 999_999, 1_000_000, 1_005_000, 12_345_678, 99_995_000, 2_000_000_000_123L};
        for (long n : nanos) {
            assertEquals(String.format(Locale.ROOT, "%.2f", n / 1e6), Millis.of(n, 2), n + " ns, 2 places");
            assertEquals(String.format(Locale.ROOT, "%.1f", n / 1e6), Millis.of(n, 1), n + " ns, 1 place");
        }
    }
}
