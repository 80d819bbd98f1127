package org.waymark.screening.screen;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordReader;

/**
 * Where one patient's NDJSON lines become its record: the single step of screening that reads FHIR, so a
 * faster reader is switched in here and nowhere else. A line that is not valid FHIR R4 is reported and left
 * out; a record that cannot be screened (no Patient, an entry naming another patient) reports every line.
 * Each thread has its own HAPI parser.
 */
final class PatientLines {
    /** One spilled line: where it came from, and its JSON. */
    record Line(String file, long line, String json) {
    }

    private final ThreadLocal<IParser> parser = ThreadLocal.withInitial(RecordReader::parser);

    Optional<PatientRecord> record(List<Line> lines, Instant asOf, Consumer<String> skipped) {
        List<Resource> resources = new ArrayList<>();
        for (Line l : lines) {
            try {
                resources.add((Resource) parser.get().parseResource(l.json()));
            } catch (DataFormatException | ClassCastException ex) {
                skipped.accept(l.file() + "\t" + l.line() + "\tnot valid FHIR R4: " + oneLine(ex.getMessage()));
            }
        }
        try {
            return Optional.of(FactMapper.toRecord(resources, asOf));
        } catch (RecordException ex) {
            // Every line of the patient is reported, so the skipped count counts lines, not patients.
            lines.forEach(l -> skipped.accept(l.file() + "\t" + l.line() + "\tpatient's record not screened: " + oneLine(ex.getMessage())));
            return Optional.empty();
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\t', ' ');
    }
}
