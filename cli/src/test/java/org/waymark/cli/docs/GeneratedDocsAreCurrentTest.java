package org.waymark.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.waymark.api.TestServer;

/** The generated documents in the repository are what `waymark docs` writes today: the docs cannot drift from the code. */
class GeneratedDocsAreCurrentTest {
    private static final Path REPO = TestServer.rules().getParent();

    @Test
    void everyGeneratedDocumentIsUpToDate() throws Exception {
        List<Path> stale = List.copyOf(GeneratedDocs.stale(REPO).keySet());
        assertEquals(List.of(), stale, "out of date: run ./waymark docs and commit the result");
    }

    @Test
    void theFactModelReferenceDocumentsTheHelpersRulesUse() throws Exception {
        String reference = GeneratedDocs.of(REPO).get(REPO.resolve("docs/fact-model.md"));
        for (String helper : new String[] {"`in(String valueSet)`", "`onOrAfter(Instant instant)`", "`monthsAgo(int months)`",
                "`integer(String name)`", "`Medication.distinctMedicines(", "### `Patient` (record)", "| `ageYears` |"}) {
            assertTrue(reference.contains(helper), helper + " is documented");
        }
    }
}
