package org.waymark.engine.lint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.engine.codelist.CodelistId;
import org.waymark.engine.codelist.ValueSetImport;
import org.waymark.engine.facts.Coding;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.valueset.ValueSetFile;
import org.waymark.engine.valueset.ValueSetFiles;
import org.waymark.engine.valueset.ValueSetFormatException;

/** OpenCodelists downloads become value sets that name their source and date, and lint clean against the kept download. */
class ValueSetImportTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-25");
    // As the browser saves it from a spreadsheet: byte-order mark, CRLF, a quoted term with a comma.
    private static final String SNOMED = "\uFEFFcode,term\r\n196001008,\"Chronic obstructive pulmonary disease with acute lower respiratory infection, (disorder)\"\r\n"
            + "293991000000106,Very severe chronic obstructive pulmonary disease (disorder)\r\n10692761000119107,Asthma-COPD overlap syndrome\r\n";
    private static final String DMD = "dmd_type,dmd_id,dmd_name,bnf_code\nAMP,27114211000001105,Fluenz Tetra vaccine nasal suspension 0.2ml unit dose (AstraZeneca UK Ltd),1404000H0\n";

    @TempDir
    Path repo;

    private Path download(String name, String text) throws Exception {
        return Files.writeString(repo.resolve(name), text, StandardCharsets.UTF_8);
    }

    private ValueSetImport.Request request(Path download, String id, Path out, Set<String> excluded, String why, boolean replace) {
        return new ValueSetImport.Request(download, CodelistId.parse(id), repo, out, excluded, why, DAY, replace);
    }

    private List<Problem> lint(Path valueSet) throws Exception {
        ValueSetFile file = ValueSetFiles.parse(valueSet);
        List<Problem> problems = new ArrayList<>();
        new ValueSetChecks(new PublishedLists(repo), f -> "value set").check(file, problems);
        return problems;
    }

    @Test
    void aSnomedDownloadBecomesAValueSetThatNamesItsSourceAndLintsClean() throws Exception {
        Path download = download("copd.csv", SNOMED);
        Path out = repo.resolve("rules/x/1.1.0/valuesets/ltc-copd.csv");
        var result = ValueSetImport.run(request(download, "https://www.opencodelists.org/codelist/opensafely/copd/2020-05-12/", out, Set.of(), null, false));

        assertEquals(3, result.codes());
        ValueSetFile file = ValueSetFiles.parse(out);
        assertEquals("codelists/opencodelists/opensafely/copd/2020-05-12.csv", file.valueSet().provenance().source());
        assertTrue(file.valueSet().provenance().sourceVersion().contains("downloaded 2026-11-25"));
        assertTrue(file.valueSet().provenance().review().startsWith("draft 2026-11-25"));
        assertEquals(List.of("196001008", "293991000000106", "10692761000119107"), file.valueSet().codes().stream().map(Coding::code).toList());
        assertTrue(file.valueSet().codes().get(0).display().contains("infection, (disorder)"), "a comma in a term survives");
        assertArrayEquals(Files.readAllBytes(download), Files.readAllBytes(result.keptDownload()), "the download is kept unchanged");
        assertEquals(List.of(), lint(out));
    }

    @Test
    void aDmdDownloadTakesItsCodesFromTheDmdIdColumn() throws Exception {
        Path out = repo.resolve("rules/x/1.1.0/valuesets/flu-vaccination.csv");
        ValueSetImport.run(request(download("flu.csv", DMD), "opensafely/flu-vaccine-dmd/3e2b1f9a", out, Set.of(), null, false));
        ValueSetFile file = ValueSetFiles.parse(out);
        assertEquals("27114211000001105", file.valueSet().codes().get(0).code());
        assertEquals(Coding.SNOMED, file.valueSet().codes().get(0).system(), "UK Core codes dm+d in the SNOMED CT system");
        assertTrue(file.valueSet().provenance().sourceVersion().contains("dm+d"));
        assertEquals(List.of(), lint(out));
    }

    @Test
    void leftOutCodesAreNamedWithTheReasonInTheFilterLine() throws Exception {
        Path out = repo.resolve("copd-no-overlap.csv");
        ValueSetImport.run(request(download("copd.csv", SNOMED), "opensafely/copd/2020-05-12", out, Set.of("10692761000119107"),
                "asthma overlap is counted as asthma", false));
        ValueSetFile file = ValueSetFiles.parse(out);
        assertEquals(2, file.valueSet().codes().size());
        assertTrue(file.valueSet().provenance().filter().contains("10692761000119107 Asthma-COPD overlap syndrome because asthma overlap"));
        assertEquals(List.of(), lint(out));

        assertThrows(IllegalArgumentException.class, () -> request(download("copd2.csv", SNOMED), "opensafely/copd/2020-05-12", out,
                Set.of("10692761000119107"), " ", true), "leaving codes out needs a reason");
        IllegalArgumentException notInList = assertThrows(IllegalArgumentException.class, () -> ValueSetImport.run(request(
                download("copd3.csv", SNOMED), "opensafely/copd/2020-05-12", out, Set.of("22298006"), "typo", true)));
        assertTrue(notInList.getMessage().contains("22298006"));
    }

    @Test
    void aListDamagedByASpreadsheetIsRefusedNamingTheLine() throws Exception {
        Path damaged = download("damaged.csv", "code,term\n196001008,COPD with infection\n2.93991E+14,Very severe COPD\n");
        ValueSetFormatException e = assertThrows(ValueSetFormatException.class, () -> ValueSetImport.run(
                request(damaged, "opensafely/copd/2020-05-12", repo.resolve("v.csv"), Set.of(), null, false)));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("2.93991E+14"));
        assertFalse(Files.exists(repo.resolve("v.csv")), "nothing is written");
    }

    @Test
    void anExistingValueSetOrADifferentDownloadOfTheSameVersionIsNotOverwritten() throws Exception {
        Path out = repo.resolve("v.csv");
        ValueSetImport.run(request(download("copd.csv", SNOMED), "opensafely/copd/2020-05-12", out, Set.of(), null, false));
        assertThrows(IllegalArgumentException.class, () -> ValueSetImport.run(
                request(download("copd.csv", SNOMED), "opensafely/copd/2020-05-12", out, Set.of(), null, false)));
        Path other = download("other.csv", "code,term\n196001008,COPD with infection\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueSetImport.run(
                request(other, "opensafely/copd/2020-05-12", repo.resolve("w.csv"), Set.of(), null, true)));
        assertTrue(e.getMessage().contains("different download"));
    }

    @Test
    void codelistIdsAreReadFromTheShortFormOrTheAddress() {
        assertEquals(new CodelistId("nhsd-primary-care-domain-refsets", "frail_cod", "20200812"),
                CodelistId.parse("https://www.opencodelists.org/codelist/nhsd-primary-care-domain-refsets/frail_cod/20200812/"));
        assertEquals("codelists/opencodelists/a/b/c.csv", CodelistId.parse("a/b/c").repositoryPath());
        assertThrows(IllegalArgumentException.class, () -> CodelistId.parse("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> CodelistId.parse("only/two"));
    }
}
