package org.waymark.engine.facts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An eFI or Clinical Frailty Scale entry read once, so every rule set sees the same value (CR-1.1, CR-1.3).
 * {@code value} is the score on its own scale (eFI 0 to 1, a percentage converted; CFS a whole level 1 to 9),
 * or null when the entry is implausible, and then {@code problem} says why it is ignored.
 */
public record FrailtyScore(String kind, RecordEntry entry, Double value, String problem) {
    public static final String EFI = "eFI";
    public static final String CFS = "CFS";

    public FrailtyScore {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entry, "entry");
        problem = problem == null ? "" : problem;
        if ((value == null) == problem.isEmpty()) {
            throw new IllegalArgumentException("a score has either a value or a problem");
        }
    }

    /** An eFI observation: a value with unit {@code %} is a percentage; outside 0 to 1 it is implausible. */
    public static FrailtyScore efi(Observation o) {
        if (!o.hasValue()) {
            return new FrailtyScore(EFI, o, null, "no value recorded");
        }
        boolean percent = o.unit().filter("%"::equals).isPresent();
        double v = percent ? o.value() / 100 : o.value();
        if (!Double.isFinite(v) || v < 0 || v > 1) {
            return new FrailtyScore(EFI, o, null, "outside the eFI range 0 to 1" + (percent ? " (0 to 100 %)" : ""));
        }
        return new FrailtyScore(EFI, o, v, "");
    }

    /**
     * A CFS entry: the observation's value, else the level its code names (value sets {@code cfs-level-1} to
     * {@code cfs-level-9}: the UK level-specific findings, also when sent as a coded value). A level must be a
     * whole number 1 to 9.
     */
    public static FrailtyScore cfs(RecordEntry e) {
        String levelSet = e.categoryOf("cfs-level-");
        Double v = e instanceof Observation o && o.hasValue() ? o.value()
                : levelSet.isEmpty() ? null : Double.valueOf(levelSet.substring("cfs-level-".length()));
        if (v == null) {
            return new FrailtyScore(CFS, e, null, "no level recorded");
        }
        if (v < 1 || v > 9 || v != Math.rint(v)) {
            return new FrailtyScore(CFS, e, null, "not a Clinical Frailty Scale level (a whole number 1 to 9)");
        }
        return new FrailtyScore(CFS, e, v, "");
    }

    /** True when the value is within the scale's range (eFI 0-1, CFS 1-9); an implausible score is ignored and shown as such. */
    public boolean plausible() {
        return value != null;
    }

    /** True when the score is of this kind ({@code "efi"} or {@code "cfs"}). */
    public boolean is(String kind) {
        return this.kind.equals(kind);
    }

    /** Epoch milliseconds of the score's date, for ordering (latest score wins). */
    public long time() {
        return entry.time();
    }

    /** True when the score is dated on or after {@code instant} (a window start). */
    public boolean onOrAfter(Instant instant) {
        return entry.onOrAfter(instant);
    }

    /** When the score was recorded. */
    public Optional<Instant> at() {
        return entry.at();
    }

    /** The score as evidence; an ignored one says so and why. */
    public Evidence evidence() {
        String shown = kind + " " + entry.display();
        return new Evidence(entry.reference(), plausible() ? shown : shown + " - ignored: " + problem, entry.at());
    }
}
