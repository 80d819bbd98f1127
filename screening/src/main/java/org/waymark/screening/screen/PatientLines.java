package org.waymark.screening.screen;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordPart;
import org.waymark.engine.fhir.RecordStream;

/**
 * Where one patient's NDJSON lines become its record: the single step of screening that reads FHIR, with the
 * engine's streaming reader (one pass per line, only what the facts need; the same assembly as the server). A line
 * that is not JSON (pass 1 reads a line only as far as its patient) or not valid FHIR R4 is reported and left out; a
 * record that cannot be screened (no Patient, an entry naming another patient) reports every line that is JSON.
 */
final class PatientLines {
    private PatientLines() {
    }

    static Optional<PatientRecord> record(List<PatientScreener.Line> lines, Instant asOf, Consumer<String> skipped) {
        return record(parts(lines, skipped), asOf, skipped);
    }

    /**
     * The lines of a patient that are JSON, and the parts of those that are valid FHIR R4, to assemble at one or more
     * instants. A line that is not JSON is reported once, as such, and is not one of the record's lines: pass 1 reads
     * a line only as far as its patient, so this is where the rest of it is found wanting.
     */
    record Parts(List<PatientScreener.Line> lines, List<RecordPart> parts) {
    }

    /** Each line read once (again, alone, when it cannot be read in its run: see {@link LineRun}). */
    static Parts parts(List<PatientScreener.Line> lines, Consumer<String> skipped) {
        List<PatientScreener.Line> json = new ArrayList<>(lines.size());
        List<RecordPart> parts = new ArrayList<>();
        try (LineRun run = new LineRun()) {
            for (PatientScreener.Line l : lines) {
                read(l, run, json, parts, skipped);
            }
        }
        return new Parts(json, parts);
    }

    private static void read(PatientScreener.Line l, LineRun run, List<PatientScreener.Line> json, List<RecordPart> parts, Consumer<String> skipped) {
        List<RecordPart> inRun = run.read(l);
        if (inRun != null) {
            parts.addAll(inRun);
            json.add(l);
            return;
        }
        try {
            parts.addAll(read(l));
            json.add(l);
        } catch (RecordException ex) {
            if (ex.getCause() instanceof JsonProcessingException notJson) {
                skipped.accept(l.file() + "\t" + l.line() + "\tnot valid JSON: " + oneLine(notJson.getOriginalMessage()));
            } else {
                json.add(l);
                skipped.accept(l.file() + "\t" + l.line() + "\tnot valid FHIR R4: " + oneLine(ex.getMessage()));
            }
        }
    }

    /**
     * The bytes of a line read from a file are parsed as they are (no text decoded first). A line the byte parser
     * refuses is read again as decoded text, as all lines were before, so its report, and a line with bytes that are
     * not UTF-8 (read with replacement characters), come out as they did.
     */
    private static List<RecordPart> read(PatientScreener.Line l) throws RecordException {
        if (l.utf8() != null) {
            try {
                // No place named: an error here is not reported (the line is read again below).
                return RecordStream.parts(l.utf8(), l.offset(), l.length(), "line");
            } catch (RecordException ex) {
                // Read again as text below, so the report is worded as it was.
            }
        }
        return RecordStream.parts(l.json(), l.file() + " line " + l.line());
    }

    /** The record {@code read} makes as of {@code asOf}: nothing dated after it counts. */
    static Optional<PatientRecord> record(Parts read, Instant asOf, Consumer<String> skipped) {
        try {
            return Optional.of(RecordAssembler.assemble(read.parts(), asOf));
        } catch (RecordException ex) {
            // Every JSON line of the patient is reported, so the skipped count counts lines, not patients.
            read.lines().forEach(l -> skipped.accept(l.file() + "\t" + l.line() + "\tpatient's record not screened: " + oneLine(ex.getMessage())));
            return Optional.empty();
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\t', ' ');
    }
}
