package org.waymark.engine.ruleset;

import java.util.Locale;

/** How urgent a recommendation is; the CDS Hooks card indicator. */
public enum Indicator {
    INFO, WARNING, CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Indicator parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("indicator must be info, warning or critical, not '" + text + "'");
        }
    }
}
