package org.waymark.engine.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The one R4 {@link FhirContext} of the process. Building a context is expensive and it is thread-safe,
 * so every parser comes from here; parsers themselves are cheap and not shared between threads.
 */
public final class Fhir {
    private static final FhirContext R4 = FhirContext.forR4();

    private Fhir() {
    }

    public static FhirContext context() {
        return R4;
    }

    public static IParser jsonParser() {
        return R4.newJsonParser();
    }
}
