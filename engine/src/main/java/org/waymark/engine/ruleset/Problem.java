package org.waymark.engine.ruleset;

import java.util.Objects;

/**
 * Something wrong in a rule-set folder: the file (relative to the rules directory), the 1-based line
 * (0 when the problem is not tied to a line) and what was wrong.
 */
public record Problem(String file, int line, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
