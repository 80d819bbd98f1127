package org.waymark.engine.valueset;

import java.nio.file.Path;

/** A value-set file that cannot be read; names the file and line. */
public final class ValueSetFormatException extends Exception {
    private final Path file;
    private final int line;
    private final String reason;

    public ValueSetFormatException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
        this.reason = message;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** What was wrong, without the file and line. */
    public String reason() {
        return reason;
    }
}
