package org.waymark.engine.valueset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.waymark.engine.facts.Coding;

/**
 * Reads value-set files: {@code <name>.csv} with a header {@code system,code,display} (system may be
 * blank for SNOMED CT) or {@code code,display}. Lines starting with {@code #} are comments; the provenance
 * lines {@code # source:}, {@code # source-version:}, {@code # filter:}, {@code # review:} and any number of
 * {@code # added: <code> <reason>} are read into the value set's {@link Provenance} (docs/authoring.md).
 * What spreadsheets write is accepted: a UTF-8 byte-order mark, CRLF (or CR) line ends, comment lines quoted
 * or padded with empty cells, and empty trailing cells (an Excel "CSV UTF-8" export). {@link #lines} and
 * {@link #cells} are the one CSV reader: lint reads the published lists with them too.
 */
public final class ValueSetFiles {
    private static final List<String> SINGLE_KEYS = List.of("source", "source-version", "filter", "review");
    private static final String ADDED = "added";
    private static final String BOM = "\uFEFF";

    private ValueSetFiles() {
    }

    public static ValueSet read(Path file) throws IOException, ValueSetFormatException {
        return parse(file).valueSet();
    }

    /** Reads the file keeping the line of each header field and code, for checks that report lines. */
    public static ValueSetFile parse(Path file) throws IOException, ValueSetFormatException {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.(csv|tsv)$", "");
        List<String> lines = lines(file);
        Map<String, String> header = new HashMap<>();
        Map<String, Integer> headerLines = new HashMap<>();
        List<Provenance.Addition> additions = new ArrayList<>();
        List<Coding> codes = new ArrayList<>();
        List<Integer> codeLines = new ArrayList<>();
        int systemCol = -1;
        int codeCol = -1;
        int displayCol = -1;
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            List<String> cells = withoutTrailingEmpty(cells(lines.get(i).strip()));
            int lineNo = i + 1;
            if (cells.isEmpty()) {
                continue;
            }
            if (cells.get(0).strip().startsWith("#")) {
                headerField(file, lineNo, String.join(",", cells).strip().substring(1).strip(), header, headerLines, additions);
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                for (int c = 0; c < cells.size(); c++) {
                    switch (cells.get(c).strip().toLowerCase(Locale.ROOT)) {
                        case "system" -> systemCol = c;
                        case "code" -> codeCol = c;
                        case "display", "term" -> displayCol = c;
                        default -> throw new ValueSetFormatException(file, lineNo,
                                "unknown column '" + cells.get(c) + "' (expected system, code, display)");
                    }
                }
                if (codeCol < 0) {
                    throw new ValueSetFormatException(file, lineNo, "header has no 'code' column");
                }
                continue;
            }
            String code = cell(cells, codeCol);
            if (code.isEmpty()) {
                throw new ValueSetFormatException(file, lineNo, "empty code");
            }
            String system = cell(cells, systemCol);
            codes.add(new Coding(system.isEmpty() ? Coding.SNOMED : system, code, cell(cells, displayCol)));
            codeLines.add(lineNo);
        }
        if (!headerSeen) {
            throw new ValueSetFormatException(file, 1, "no header line (expected system,code,display)");
        }
        Provenance provenance = new Provenance(header.get("source"), header.get("source-version"), header.get("filter"),
                header.get("review"), additions);
        return new ValueSetFile(file, new ValueSet(name, provenance, codes), headerLines, codeLines);
    }

    /** Records a {@code key: value} comment when the key is a provenance field; other comments are free text. */
    private static void headerField(Path file, int lineNo, String comment, Map<String, String> header,
                                    Map<String, Integer> headerLines, List<Provenance.Addition> additions)
            throws ValueSetFormatException {
        int colon = comment.indexOf(':');
        if (colon < 0) {
            return;
        }
        String key = comment.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = comment.substring(colon + 1).strip();
        if (key.equals(ADDED)) {
            String[] codeAndReason = value.split("\\s+", 2);
            if (codeAndReason[0].isEmpty()) {
                throw new ValueSetFormatException(file, lineNo, "'# added:' names no code (expected '# added: <code> <reason>')");
            }
            additions.add(new Provenance.Addition(codeAndReason[0], codeAndReason.length > 1 ? codeAndReason[1] : "", lineNo));
        } else if (SINGLE_KEYS.contains(key)) {
            if (headerLines.containsKey(key)) {
                throw new ValueSetFormatException(file, lineNo, "second '# " + key + ":' line (first on line " + headerLines.get(key) + ")");
            }
            header.put(key, value);
            headerLines.put(key, lineNo);
        }
    }

    /**
     * The file's lines as text: UTF-8 without a byte-order mark, split at CRLF, LF or a lone CR, so a file
     * saved by a spreadsheet reads the same as one written by hand.
     */
    public static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith(BOM)) {
            text = text.substring(1);
        }
        return List.of(text.split("\r\n|\r|\n", -1));
    }

    private static List<String> withoutTrailingEmpty(List<String> cells) {
        int end = cells.size();
        while (end > 0 && cells.get(end - 1).isBlank()) {
            end--;
        }
        return cells.subList(0, end);
    }

    private static String cell(List<String> cells, int index) {
        return index >= 0 && index < cells.size() ? cells.get(index).strip() : "";
    }

    /** Splits one CSV line, honouring double quotes (displays often contain commas). */
    public static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
