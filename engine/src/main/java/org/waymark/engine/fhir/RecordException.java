package org.waymark.engine.fhir;

/** A patient record that cannot be turned into facts. The message names what was wrong and where. */
public final class RecordException extends Exception {
    public RecordException(String message) {
        super(message);
    }

    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
