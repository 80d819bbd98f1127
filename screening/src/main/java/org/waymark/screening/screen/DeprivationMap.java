package org.waymark.screening.screen;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Postcode to Index of Multiple Deprivation decile (1 most deprived to 10 least), a CSV read by its header: a full
 * postcode column ({@code postcode}, {@code pcds}, {@code pcd}) or a postcode district column ({@code postcode district},
 * {@code postcode_district}, {@code district}), and a column whose name holds {@code decile}. A patient's full postcode
 * is looked up first, then its district (the outward code). An LSOA-level file (the IMD is published per LSOA) is
 * joined to postcodes first, for example with the ONS postcode directory's LSOA column.
 */
public final class DeprivationMap implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No map: the deprivation decile stays unknown and is left out of the outputs. */
    public static final DeprivationMap NONE = new DeprivationMap(Map.of());
    private static final List<String> KEY = List.of("postcode", "pcds", "pcd", "postcode district", "postcode_district", "district");
    private static final CsvMapper CSV = new CsvMapper();
    /** Compiled once: {@code String.replaceAll} compiled it again for every patient. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private final Map<String, Integer> decileByArea;

    private DeprivationMap(Map<String, Integer> decileByArea) {
        this.decileByArea = Map.copyOf(decileByArea);
    }

    /** The decile of {@code postcode}, by the full postcode, else by its district; empty when the map has neither. */
    public Optional<Integer> decile(String postcode) {
        if (decileByArea.isEmpty()) {
            return Optional.empty();
        }
        String key = normalised(postcode);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Integer full = decileByArea.get(key);
        // The inward code is always a digit and two letters: what precedes it is the district.
        String district = key.length() > 4 ? key.substring(0, key.length() - 3) : key;
        return Optional.ofNullable(full != null ? full : decileByArea.get(district));
    }

    public static DeprivationMap read(Path file) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            Optional<String> keyColumn = Optional.empty();
            Optional<String> decileColumn = Optional.empty();
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                if (keyColumn.isEmpty()) {
                    keyColumn = KEY.stream().flatMap(k -> row.keySet().stream().filter(h -> header(h).equals(k))).findFirst();
                    decileColumn = row.keySet().stream().filter(h -> header(h).contains("decile")).findFirst();
                    if (keyColumn.isEmpty() || decileColumn.isEmpty()) {
                        throw new IllegalArgumentException("deprivation map " + file + ": the header " + row.keySet() + " has no postcode column (one of "
                                + KEY + ") or no column named ...decile");
                    }
                }
                String area = normalised(row.get(keyColumn.get()));
                String decile = Optional.ofNullable(row.get(decileColumn.get())).orElse("").strip();
                if (!area.isEmpty()) {
                    out.put(area, decile(file, rows.getCurrentLocation().getLineNr(), decile));
                }
            }
        }
        return new DeprivationMap(out);
    }

    private static int decile(Path file, int line, String text) {
        try {
            int d = Integer.parseInt(text);
            if (d >= 1 && d <= 10) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the line
        }
        throw new IllegalArgumentException("deprivation map " + file + " line " + line + ": the decile '" + text + "' is not a whole number from 1 to 10");
    }

    private static String header(String h) {
        return h.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    /** Upper case without spaces, so {@code wm3 2ab}, {@code WM32AB} and {@code WM3  2AB} are one postcode. */
    private static String normalised(String postcode) {
        return postcode == null ? "" : WHITESPACE.matcher(postcode).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
