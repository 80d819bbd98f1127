package org.waymark.engine.valueset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one value-set reader: provenance header lines, byte-order mark, CRLF line ends. */
class ValueSetFilesTest {
    private static final String HEADER = String.join("\n",
            "# source: codelists/eFI-and-conditions/dementia.v1.tsv; codelists/eFI-and-conditions/delirium.v1.tsv",
            "# source-version: gm-sde clinical-code-sets v1",
            "# filter: removed 40425004 post-concussion syndrome: not dementia",
            "# review: reviewed 2026-11-25 clinical informatics (Waymark)",
            "# added: 24700007 multiple sclerosis, a CR-5.1 indicator",
            "system,code,display",
            "http://snomed.info/sct,52448006,Dementia",
            "http://snomed.info/sct,24700007,Multiple sclerosis",
            "");

    @TempDir
    Path dir;

    @Test
    void provenanceLinesAreReadWithTheirLines() throws Exception {
        ValueSetFile file = ValueSetFiles.parse(write("dementia.csv", HEADER));
        Provenance p = file.valueSet().provenance();
        assertEquals(List.of("codelists/eFI-and-conditions/dementia.v1.tsv", "codelists/eFI-and-conditions/delirium.v1.tsv"), p.sources());
        assertFalse(p.local());
        assertEquals("gm-sde clinical-code-sets v1", p.sourceVersion());
        assertEquals("removed 40425004 post-concussion syndrome: not dementia", p.filter());
        assertEquals("reviewed 2026-11-25 clinical informatics (Waymark)", p.review());
        assertEquals(List.of(new Provenance.Addition("24700007", "multiple sclerosis, a CR-5.1 indicator", 5)), p.additions());
        assertEquals(Map.of("source", 1, "source-version", 2, "filter", 3, "review", 4), file.headerLines());
        assertEquals(List.of(7, 8), file.codeLines());
        assertEquals("dementia", file.valueSet().name());
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsReadTheSameAsPlainUtf8() throws Exception {
        ValueSetFile plain = ValueSetFiles.parse(write("plain.csv", HEADER));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = HEADER.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(body, 0, both, bom.length, body.length);
        Path spreadsheet = dir.resolve("spreadsheet.csv");
        Files.write(spreadsheet, both);
        ValueSetFile read = ValueSetFiles.parse(spreadsheet);
        assertEquals(plain.valueSet().provenance(), read.valueSet().provenance());
        assertEquals(plain.valueSet().codes(), read.valueSet().codes());
        assertEquals(plain.headerLines(), read.headerLines());
        assertEquals("Multiple sclerosis", read.valueSet().codes().get(1).display());
    }

    @Test
    void aLocalSourceNamesNoPublishedListAndMissingLinesAreBlank() throws Exception {
        ValueSet vs = ValueSetFiles.read(write("local.csv", "# source: local (codes chosen here)\ncode,display\n128462008,Secondary malignant neoplastic disease\n"));
        assertTrue(vs.provenance().local());
        assertEquals(List.of(), vs.provenance().sources());
        assertEquals("", vs.provenance().review());
        assertEquals(1, vs.codes().size());
    }

    @Test
    void aSecondSourceLineAndAnAdditionWithoutACodeAreFormatErrorsWithTheirLine() throws Exception {
        ValueSetFormatException twice = assertThrows(ValueSetFormatException.class,
                () -> ValueSetFiles.read(write("twice.csv", "# source: local\n# source: codelists/a.tsv\ncode\n1\n")));
        assertEquals(2, twice.line());
        assertTrue(twice.reason().contains("second '# source:' line"), twice.reason());
        ValueSetFormatException empty = assertThrows(ValueSetFormatException.class,
                () -> ValueSetFiles.read(write("empty.csv", "# source: local\n# added:\ncode\n1\n")));
        assertEquals(2, empty.line());
    }

    @Test
    void freeTextCommentsAreNotProvenance() throws Exception {
        ValueSet vs = ValueSetFiles.read(write("notes.csv", "# note: see CR-2.3\n# why this list: because\ncode\n49049000\n"));
        assertEquals(Provenance.none(), vs.provenance());
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }
}
