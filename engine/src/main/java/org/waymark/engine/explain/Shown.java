package org.waymark.engine.explain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import org.waymark.engine.facts.EntryTime;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.facts.Evidential;
import org.waymark.engine.facts.Patient;
import org.waymark.engine.facts.RecordEntry;

/**
 * How values and facts appear in an explanation: entries by reference, display and date (the provenance a card cites);
 * never a fact's {@code toString}, which could carry an identifier such as the NHS number.
 */
final class Shown {
    private Shown() {
    }

    static String value(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof Optional<?> o) {
            return o.map(Shown::value).orElse("none");
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof CharSequence || v instanceof Enum<?> || v instanceof LocalDate
                || v == ConstraintValues.UNKNOWN) {
            return v instanceof CharSequence s ? "\"" + s + "\"" : v.toString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Collection<?> c) {
            return c.size() + (c.size() == 1 ? " item" : " items");
        }
        return fact(v);
    }

    /** A fact: an entry as "Type reference display date"; a derived fact by the entries it rests on. */
    static String fact(Object f) {
        if (f instanceof RecordEntry e) {
            return entry(e.evidence());
        }
        if (f instanceof Patient p) {
            return "Patient" + (p.ageYears() == null ? "" : ", aged " + p.ageYears()) + (p.deceased() ? ", deceased" : "");
        }
        if (f instanceof Evidential e) {
            return f.getClass().getSimpleName() + " from " + String.join("; ", e.evidence().stream().map(Shown::entry).toList());
        }
        if (f instanceof Collection<?> c) {
            return c.size() + (c.size() == 1 ? " item" : " items")
                    + (c.isEmpty() ? "" : ": " + String.join("; ", c.stream().limit(12).map(Shown::fact).toList()) + (c.size() > 12 ? "; ..." : ""));
        }
        return f == null ? "none" : f.getClass().getSimpleName();
    }

    private static String entry(Evidence e) {
        String date = e.at().map(a -> EntryTime.date(a).toString()).orElse("undated");
        return (e.reference() + " " + e.description()).strip() + " " + date;
    }
}
