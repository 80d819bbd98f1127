package org.waymark.screening.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads a published CSV back as rows of column to text, as an analyst's tool would. */
final class PublishedCsv {
    private PublishedCsv() {
    }

    static List<Map<String, String>> read(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
