package org.waymark.engine.fhir;

import java.math.BigDecimal;
import java.util.Optional;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The number and unit of an Observation's value. GP systems send scores as a Quantity, decimal, integer,
 * or a string holding the number (a Clinical Frailty Scale of "7"); all give the number. A value that is
 * not a finite number (text, "NaN", "1e309") is no value, never an error: the entry still counts as coded.
 */
final class ObservationValues {
    static final String UCUM = "http://unitsofmeasure.org";

    private ObservationValues() {
    }

    /** The finite numeric value, or null when there is none. */
    static Double number(Type value) {
        BigDecimal n = null;
        if (value instanceof Quantity q && q.hasValue()) {
            n = q.getValue();
        } else if (value instanceof DecimalType d && d.hasValue()) {
            n = d.getValue();
        } else if (value instanceof IntegerType i && i.hasValue()) {
            n = BigDecimal.valueOf(i.getValue());
        } else if (value instanceof StringType s && s.hasValue()) {
            n = parse(s.getValue());
        }
        if (n == null) {
            return null;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    /** The quantity's UCUM code, else its unit text, else its code; empty for non-quantities. */
    static Optional<String> unit(Type value) {
        if (!(value instanceof Quantity q)) {
            return Optional.empty();
        }
        if (q.hasCode() && UCUM.equals(q.getSystem())) {
            return Optional.of(q.getCode());
        }
        return q.hasUnit() ? Optional.of(q.getUnit()) : Optional.ofNullable(q.hasCode() ? q.getCode() : null);
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
