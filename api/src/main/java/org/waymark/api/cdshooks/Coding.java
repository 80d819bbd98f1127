package org.waymark.api.cdshooks;

import java.util.Objects;

/** A code from a code system, as cards name their topic and override reasons (CDS Hooks §Coding). */
public record Coding(String system, String code, String display) {
    public Coding {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(code, "code");
    }
}
