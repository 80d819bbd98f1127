package org.waymark.engine.fhir;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The number and unit of an Observation's value. GP systems send scores as a Quantity, integer, or a
 * string holding the number (a Clinical Frailty Scale of "7"); all give the number. A value that is
 * not a finite number (text, "NaN") is no value, never an error: the entry still counts as coded. A
 * Quantity beyond what a double holds (1e309) is refused when the resource is read ({@link #checkRange}). R4 has
 * no valueDecimal: like any unknown element it is ignored.
 */
final class ObservationValues {
    static final String UCUM = "http://unitsofmeasure.org";

    private ObservationValues() {
    }

    /** The finite numeric value of the Observation's value[x], or null when there is none. */
    static Double number(Sparse o) {
        BigDecimal n = decimal(o);
        if (n == null && o.text("valueInteger") != null) {
            n = new BigDecimal(o.text("valueInteger"));
        } else if (n == null && o.text("valueString") != null) {
            n = parse(o.text("valueString"));
        }
        if (n == null) {
            return null;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    /** The quantity's UCUM code, else its unit text, else its code; empty for non-quantities. */
    static Optional<String> unit(Sparse o) {
        if (!o.has("valueQuantity")) {
            return Optional.empty();
        }
        Sparse q = o.one("valueQuantity");
        String code = q.text("code");
        if (code != null && UCUM.equals(q.text("system"))) {
            return Optional.of(code);
        }
        return q.text("unit") != null ? Optional.of(q.text("unit")) : Optional.ofNullable(code);
    }

    /** A decimal FHIR allows but a double cannot hold (e.g. 1e309) is refused, rather than becoming infinity in a rule. */
    static void checkRange(Sparse o, String where) throws RecordException {
        String text = o.one("valueQuantity").text("value");
        if (text != null && !plainDecimal(text) && !Double.isFinite(new BigDecimal(text).doubleValue())) {
            throw new RecordException(where + ": an Observation value is out of range (beyond +/-1.8e308)");
        }
    }

    /**
     * True for a decimal written as digits with an optional minus sign and point, in under 309 characters: valid, and
     * within a double's range, so it need not be parsed to be checked (nearly every value is one).
     */
    static boolean plainDecimal(String text) {
        int n = text.length();
        if (n > 308) {
            return false;
        }
        boolean digit = false;
        boolean point = false;
        for (int i = n > 0 && text.charAt(0) == '-' ? 1 : 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static BigDecimal decimal(Sparse o) {
        String text = o.one("valueQuantity").text("value");
        return text == null ? null : new BigDecimal(text);
    }

    /** BigDecimal syntax only (no "NaN", "Infinity" or hex floats, which Double.parseDouble would accept). */
    private static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
