package org.waymark.engine.facts;

import java.util.Objects;

/** A code from a code system, as found in a record entry or listed in a value set. */
public record Coding(String system, String code, String display) {
    public static final String SNOMED = "http://snomed.info/sct";

    public Coding {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
        display = display == null ? "" : display;
    }

    /** A SNOMED CT coding. */
    public static Coding snomed(String code, String display) {
        return new Coding(SNOMED, code, display);
    }

    /** Identity for matching: display text never takes part in it. */
    public String key() {
        return system + "|" + code;
    }
}
