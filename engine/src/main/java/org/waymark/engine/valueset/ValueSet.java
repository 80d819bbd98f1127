package org.waymark.engine.valueset;

import java.util.List;
import java.util.Objects;
import org.waymark.engine.facts.Coding;

/** A named list of codes that rules refer to by name, so clinical leads change codes without touching DRL. */
public record ValueSet(String name, Provenance provenance, List<Coding> codes) {
    public ValueSet {
        Objects.requireNonNull(name, "name");
        provenance = provenance == null ? Provenance.none() : provenance;
        codes = List.copyOf(codes);
    }

    /** The {@code # source:} line's text. */
    public String source() {
        return provenance.source();
    }
}
