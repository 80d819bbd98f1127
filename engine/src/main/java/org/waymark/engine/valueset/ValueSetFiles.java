package org.waymark.engine.valueset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.waymark.engine.facts.Coding;

/**
 * Reads value-set files: {@code <name>.csv} with a header {@code system,code,display} (system may be
 * blank for SNOMED CT) or {@code code,display}. Lines starting with {@code #} are comments; a leading
 * {@code # source: ...} line names where the codes came from.
 */
public final class ValueSetFiles {
    private ValueSetFiles() {
    }

    public static ValueSet read(Path file) throws IOException, ValueSetFormatException {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.(csv|tsv)$", "");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String source = "";
        List<Coding> codes = new ArrayList<>();
        int systemCol = -1;
        int codeCol = -1;
        int displayCol = -1;
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String comment = line.substring(1).strip();
                if (comment.toLowerCase(Locale.ROOT).startsWith("source:")) {
                    source = comment.substring("source:".length()).strip();
                }
                continue;
            }
            List<String> cells = cells(line);
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
        }
        if (!headerSeen) {
            throw new ValueSetFormatException(file, 1, "no header line (expected system,code,display)");
        }
        return new ValueSet(name, source, codes);
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
