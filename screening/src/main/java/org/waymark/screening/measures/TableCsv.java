package org.waymark.screening.measures;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a published {@link Table} as {@code <name>.csv}: a header, the figures as shown ("*" where suppressed), and a
 * last {@code disclosure} column on every row saying whether the figures are suppressed, so a file passed on alone
 * still says so.
 */
public final class TableCsv {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private TableCsv() {
    }

    public static Path write(Path dir, Table table, Disclosure disclosure) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        table.columns().forEach(schema::addColumn);
        schema.addColumn("disclosure");
        Path file = dir.resolve(table.name() + ".csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter rows = CSV.writer(schema.build().withHeader()).writeValues(out)) {
            if (table.rows().isEmpty()) {
                // The library writes the header with the first row; an empty table still names its columns.
                out.write(String.join(",", schema.build().getColumnNames()) + "\n");
            }
            for (List<Figure> r : table.rows()) {
                List<String> cells = new ArrayList<>(r.stream().map(Figure::text).toList());
                cells.add(disclosure.marker());
                rows.write(cells);
            }
        }
        return file;
    }
}
