package org.waymark.engine.facts;

/** Frailty categories shared by eFI, the Clinical Frailty Scale and the coded findings (CR-1.1 to CR-1.3), least first. */
public enum FrailtyCategory {
    NONE, MILD, MODERATE, SEVERE;

    /** Reads {@code mild}, {@code moderate} or {@code severe} (a value-set suffix); anything else is NONE. */
    static FrailtyCategory named(String name) {
        return switch (name) {
            case "mild" -> MILD;
            case "moderate" -> MODERATE;
            case "severe" -> SEVERE;
            default -> NONE;
        };
    }

    /** The category's name as a card shows it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
