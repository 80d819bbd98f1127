package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordStream;

/**
 * Reads a patient's lines that share one buffer, blank between them ({@link PartitionIndex#read}), with one parser for
 * the run rather than one per line: making a parser was a twentieth of reading a realistic record. A line is read
 * here only when that gives what reading it alone gives: its value must start at the line's first non-blank byte, and
 * end within the line. Otherwise (a line that is not one JSON object, or any error) {@link #read} gives null, the
 * caller reads the line alone, and the run starts again at the next line.
 */
final class LineRun implements AutoCloseable {
    /** Errors here are never reported: the caller reads the line again, alone, for its report. */
    private static final String WHERE = "line";
    private byte[] buffer;
    private JsonParser parser;
    /** Where in {@link #buffer} the parser started, and where it stands: just after the last value it read. */
    private int base;
    private int at;

    /** The parts of {@code line}, read by the run's parser, or null when the caller is to read the line alone. */
    List<RecordPart> read(PatientScreener.Line line) {
        byte[] bytes = line.utf8();
        int end = line.offset() + line.length();
        int start = line.offset();
        while (bytes != null && start < end && blank(bytes[start])) {
            start++;
        }
        if (bytes == null || start == end || bytes[start] != '{') {
            close();
            return null;
        }
        try {
            if (parser == null || bytes != buffer || start < at || !blank(bytes, at, start)) {
                close();
                buffer = bytes;
                base = start;
                parser = RecordStream.parser(bytes, start, bytes.length - start);
            }
            List<RecordPart> parts = RecordStream.parts(parser, WHERE);
            int after = base + (int) parser.currentLocation().getByteOffset();
            if (after > end) {
                close(); // the value ran on past the line: alone, the line is not JSON
                return null;
            }
            at = after;
            if (!blank(bytes, after, end)) {
                close(); // read alone, the rest of the line is left unread; here, the next value would be it
            }
            return parts;
        } catch (RecordException | IOException e) {
            close();
            return null;
        }
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // A parser over bytes in memory has nothing to release that can fail.
            }
            parser = null;
        }
    }

    private static boolean blank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!blank(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /** JSON's whitespace. */
    private static boolean blank(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
