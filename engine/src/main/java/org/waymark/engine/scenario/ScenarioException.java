package org.waymark.engine.scenario;

import java.nio.file.Path;

/** An invalid scenario file: names the file, the field and what was expected. */
public final class ScenarioException extends Exception {
    private final String field;

    public ScenarioException(Path file, String field, String message) {
        super(file + ": " + (field.isEmpty() ? "" : field + ": ") + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
