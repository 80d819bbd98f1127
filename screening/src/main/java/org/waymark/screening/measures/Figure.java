package org.waymark.screening.measures;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One published cell: its text (as the CSV and the report show it) and, when it is a number that may be shown, its
 * value (for charts and JSON). A suppressed figure has the text "*" and no value; a figure that does not apply (a
 * rate over nobody) has empty text and no value.
 */
public record Figure(String text, OptionalDouble value) {
    public Figure {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    static Figure label(String text) {
        return new Figure(text, OptionalDouble.empty());
    }

    static Figure number(double value, String text) {
        return new Figure(text, OptionalDouble.of(value));
    }

    static Figure none() {
        return label("");
    }

    public boolean suppressed() {
        return text.equals(Disclosure.SUPPRESSED);
    }
}
