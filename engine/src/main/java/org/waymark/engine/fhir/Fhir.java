package org.waymark.engine.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;

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

    /** A JSON parser that rejects unknown elements and wrong types, so bad input is named, not guessed at. */
    public static IParser strictJsonParser() {
        return R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    public static IParser jsonParser() {
        return R4.newJsonParser();
    }
}
