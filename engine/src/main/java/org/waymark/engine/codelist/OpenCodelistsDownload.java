package org.waymark.engine.codelist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.lint.SnomedIdentifier;
import org.waymark.engine.valueset.ValueSetFiles;
import org.waymark.engine.valueset.ValueSetFormatException;

/**
 * A code list as OpenCodelists (opencodelists.org) downloads it: SNOMED CT lists as {@code code,term}, dm+d lists as
 * {@code dmd_type,dmd_id,dmd_name,...}, older lists as {@code id,name}. dm+d identifiers are SNOMED CT identifiers
 * and UK Core codes them in the SNOMED CT system, so every code here is {@link Coding#SNOMED}. Every code is checked
 * as a SNOMED CT identifier (digits, length, partition, check digit): a list damaged by a spreadsheet (codes in
 * scientific notation, lost digits) is refused, not imported.
 */
public record OpenCodelistsDownload(Kind kind, List<Coding> codes) {
    /** Which terminology the list is in, from its header. */
    public enum Kind {
        SNOMED_CT("code", "term"), DMD("dmd_id", "dmd_name"), LEGACY("id", "name");

        private final String codeColumn;
        private final String termColumn;

        Kind(String codeColumn, String termColumn) {
            this.codeColumn = codeColumn;
            this.termColumn = termColumn;
        }
    }

    public OpenCodelistsDownload {
        codes = List.copyOf(codes);
    }

    public static OpenCodelistsDownload read(Path file) throws IOException, ValueSetFormatException {
        List<String> lines = ValueSetFiles.lines(file);
        if (lines.isEmpty()) {
            throw new ValueSetFormatException(file, 1, "empty file (expected an OpenCodelists CSV download)");
        }
        List<String> header = ValueSetFiles.cells(lines.get(0).strip()).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (header.contains(k.codeColumn)) {
                kind = k;
                break;
            }
        }
        if (kind == null) {
            throw new ValueSetFormatException(file, 1, "header " + header + " is not an OpenCodelists download "
                    + "(expected code,term for SNOMED CT or dmd_type,dmd_id,dmd_name for dm+d)");
        }
        int codeCol = header.indexOf(kind.codeColumn);
        int termCol = header.indexOf(kind.termColumn);
        List<Coding> codes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = ValueSetFiles.cells(line);
            String code = codeCol < cells.size() ? cells.get(codeCol).strip() : "";
            var problem = SnomedIdentifier.problem(code);
            if (problem.isPresent()) {
                throw new ValueSetFormatException(file, i + 1, problem.get());
            }
            String term = termCol >= 0 && termCol < cells.size() ? cells.get(termCol).strip() : "";
            codes.add(new Coding(Coding.SNOMED, code, term));
        }
        if (codes.isEmpty()) {
            throw new ValueSetFormatException(file, 2, "the download holds no codes");
        }
        return new OpenCodelistsDownload(kind, codes);
    }
}
