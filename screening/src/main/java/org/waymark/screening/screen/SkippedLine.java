package org.waymark.screening.screen;

/** An input line that was reported and skipped: which file, which line, and why. */
public record SkippedLine(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
