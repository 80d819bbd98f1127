package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code cohort.csv}: a header, then one line per flagged patient with its codes and overdue steps space-separated.
 * The CSV library quotes a value only where it must (a comma or quote in a practice or PCN name). Each partition's
 * lines are written apart ({@link #write}), without the header, and the merge puts {@link #HEADER} before them.
 */
final class CohortCsv {
    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumn("patient").addColumn("practice").addColumn("pcn")
            .addColumn("recommendations").addColumn("overdue_steps").build();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    static final String HEADER = header();

    private CohortCsv() {
    }

    /** Writes one line per row, without the header, and closes {@code out}. */
    static void write(Writer out, List<CohortRow> rows) throws IOException {
        try (SequenceWriter lines = CSV.writer(SCHEMA).writeValues(out)) {
            for (CohortRow row : rows) {
                lines.write(List.of(row.patient(), row.practice(), row.pcn(), String.join(" ", row.recommendations()),
                        String.join(" ", row.overdueSteps())));
            }
        }
    }

    /** The header line, as the library writes it before no rows. */
    private static String header() {
        StringWriter out = new StringWriter();
        try {
            CSV.writer(SCHEMA.withHeader()).writeValues(out).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
