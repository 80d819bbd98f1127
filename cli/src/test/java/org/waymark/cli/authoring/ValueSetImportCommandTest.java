package org.waymark.cli.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.cli.Cli;

/** The command a clinical lead runs after downloading a code list from OpenCodelists. */
class ValueSetImportCommandTest {
    @TempDir
    Path repo;

    @Test
    void importsADownloadIntoAValueSetAndKeepsTheDownload() throws Exception {
        Path download = Files.writeString(repo.resolve("download.csv"), "code,term\n196001008,COPD with infection\n");
        Path out = repo.resolve("rules/x/1.1.0/valuesets/ltc-copd.csv");
        Cli.Run run = Cli.run("valueset", "import", download.toString(), "--codelist", "opensafely/copd/2020-05-12", "--out", out.toString(),
                "--repository", repo.toString(), "--downloaded", "2026-11-25");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("1 codes (0 left out)"), run.out());
        assertTrue(Files.readString(out).startsWith("# source: codelists/opencodelists/opensafely/copd/2020-05-12.csv\n"));
        assertTrue(Files.exists(repo.resolve("codelists/opencodelists/opensafely/copd/2020-05-12.csv")));
    }

    @Test
    void aWrongCodelistNameIsAClearErrorNotAStackTrace() throws Exception {
        Path download = Files.writeString(repo.resolve("download.csv"), "code,term\n196001008,COPD with infection\n");
        Cli.Run run = Cli.run("valueset", "import", download.toString(), "--codelist", "copd", "--out", repo.resolve("v.csv").toString(),
                "--repository", repo.toString());
        assertEquals(2, run.exit(), run.out());
    }
}
