package org.waymark.api.server;

/**
 * A duration in milliseconds with a fixed number of decimals, as {@code String.format("%.Nf")} prints it (half up)
 * but without a {@code Formatter}, which cost more than the rest of the access-log line and the Server-Timing header.
 */
final class Millis {
    private static final long[] POWERS = {1, 10, 100, 1_000};

    private Millis() {
    }

    /** {@code nanos} (not negative) in milliseconds with {@code places} (1 to 3) decimals. */
    static String of(long nanos, int places) {
        long scale = POWERS[places];
        long unit = 1_000_000 / scale;
        long scaled = (nanos + unit / 2) / unit;
        String fraction = Long.toString(scaled % scale);
        return scaled / scale + "." + "0".repeat(places - fraction.length()) + fraction;
    }
}
