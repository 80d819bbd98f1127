package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code cohort.csv}: a header, then one line per flagged patient with its codes and overdue steps space-separated.
 * The CSV library quotes a value only where it must (a comma or quote in a practice or PCN name).
 */
final class CohortCsv implements Closeable {
    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumn("patient").addColumn("practice").addColumn("pcn")
            .addColumn("recommendations").addColumn("overdue_steps").build().withHeader();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final SequenceWriter rows;

    CohortCsv(Writer out) throws IOException {
        rows = CSV.writer(SCHEMA).writeValues(out);
    }

    void write(CohortRow row) throws IOException {
        rows.write(List.of(row.patient(), row.practice(), row.pcn(), String.join(" ", row.recommendations()),
                String.join(" ", row.overdueSteps())));
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
