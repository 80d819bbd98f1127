package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The practice to PCN map, a CSV read by its header (RFC 4180: quoted names with commas, extra columns ignored): the
 * project's own {@code practice,pcn}, or NHS ODS data as published, such as the ePCN "PCN Core Partner Details"
 * ({@code Partner Organisation Code}, {@code PCN Code}, {@code PCN Name}, ...). The PCN is its name when the file has
 * one, else its code. A row whose practice-to-PCN relationship has an end date is a past membership and is left out.
 */
final class PcnMap {
    private static final List<String> PRACTICE = List.of("practice", "partner organisation code", "practice code", "organisation code");
    private static final List<String> PCN = List.of("pcn", "pcn name", "pcn code");
    private static final String END_DATE = "practice to pcn relationship end date";
    private static final CsvMapper CSV = new CsvMapper();

    private PcnMap() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            Optional<String> practiceColumn = Optional.empty();
            Optional<String> pcnColumn = Optional.empty();
            Optional<String> endColumn = Optional.empty();
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                if (practiceColumn.isEmpty()) {
                    practiceColumn = column(row, PRACTICE);
                    pcnColumn = column(row, PCN);
                    endColumn = column(row, List.of(END_DATE));
                    if (practiceColumn.isEmpty() || pcnColumn.isEmpty()) {
                        throw new IllegalArgumentException("PCN map " + file + ": the header " + row.keySet() + " has no practice column (one of "
                                + PRACTICE + ") or no PCN column (one of " + PCN + ")");
                    }
                }
                String practice = value(row, practiceColumn.get());
                String pcn = value(row, pcnColumn.get());
                boolean ended = endColumn.isPresent() && !value(row, endColumn.get()).isEmpty();
                if (!practice.isEmpty() && !pcn.isEmpty() && !ended) {
                    out.put(practice, pcn);
                }
            }
        }
        return out;
    }

    /** The header name (as written) of the first wanted column present, compared without case, spaces or a byte order mark. */
    private static Optional<String> column(Map<String, String> row, List<String> wanted) {
        for (String w : wanted) {
            for (String header : row.keySet()) {
                if (header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).equals(w)) {
                    return Optional.of(header);
                }
            }
        }
        return Optional.empty();
    }

    private static String value(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null ? "" : v.strip();
    }
}
