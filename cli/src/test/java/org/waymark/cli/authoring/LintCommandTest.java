package org.waymark.cli.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.cli.Cli;

/** Lint reports each kind of defect, with file and line, on fixture rule sets. */
class LintCommandTest {
    private static final Path FIXTURE = TestServer.rules().resolveSibling("api/src/test/resources/lint-fixture");

    @Test
    void bundledRuleSetsLintClean() {
        Path rules = TestServer.rules();
        Cli.Run run = Cli.run("lint", "--rules", rules.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("lint clean"), run.out());
        assertTrue(run.out().contains("ok    pathway care-home-admission@1.0.0"), run.out());
    }

    @Test
    void everyKindOfDefectIsReportedWithFileAndLine() {
        Cli.Run run = Cli.run("lint", "--rules", FIXTURE.resolve("rules").toString(), "--docs", FIXTURE.resolve("docs/recommendations.md").toString());
        String out = run.out();
        assertEquals(1, run.exit(), out);
        // Load problems: manifest field, rule metadata, unknown value set.
        assertTrue(out.contains("rules/lint-broken/1.0.0/manifest.yaml: missing required field 'clinicalReviewer'"), out);
        // Codes well formed for their system.
        assertTrue(out.contains("rules/lint-defects/1.0.0/valuesets/codes.csv:7: '38341004' fails the Verhoeff check digit"), out);
        assertTrue(out.contains("rules/lint-defects/1.0.0/valuesets/codes.csv:8: '12345' is not a SNOMED CT identifier"), out);
        assertTrue(out.contains("rules/lint-defects/1.0.0/valuesets/codes.csv:9: 'bad code' is not a well-formed code"), out);
        // Documentation.
        assertTrue(out.contains("rules/lint-defects/1.0.0/recommendations.yaml:6: recommendation code lint-defects.undocumented is not documented"), out);
        // Scenario coverage.
        assertTrue(out.contains("rules/lint-defects/1.0.0/rules.drl:19: rule LD-NEVER-FIRES fires in no scenario"), out);
        assertTrue(out.contains("rules/lint-defects/1.0.0/rules.drl:19: rule LD-NEVER-FIRES has no scenario where it must not fire"), out);
        assertTrue(!out.contains("LD-COVERED"), out);
    }

    @Test
    void aValueSetWithoutProvenanceOrWithCodesOutsideItsPublishedSourceFailsLint() {
        Cli.Run run = Cli.run("lint", "--rules", FIXTURE.resolve("rules").toString(), "--docs", FIXTURE.resolve("docs/recommendations.md").toString());
        String out = run.out();
        assertEquals(1, run.exit(), out);
        String vs = "rules/lint-defects/1.0.0/valuesets/";
        // Each of the four provenance lines is required.
        for (String key : new String[] {"source", "source-version", "filter", "review"}) {
            assertTrue(out.contains(vs + "no-provenance.csv:1: no '# " + key + ":' line"), key + "\n" + out);
        }
        assertTrue(out.contains(vs + "bad-review.csv:4: '# review: looked at it' is not 'reviewed|draft YYYY-MM-DD <reviewer role>'"), out);
        // A code neither in the published lists the file names nor declared as an addition.
        assertTrue(out.contains(vs + "outside-source.csv:13: code 26079004 is not in codelists/fixture/published.v1.tsv; codelists/fixture/published.csv"
                + " (remove it, or declare it with '# added: 26079004 <reason>')"), out);
        // Codes in either list (a TSV with a byte-order mark and CRLF, a CSV with a header) and a declared addition pass.
        for (String code : new String[] {"38341003 is not", "49049000 is not", "24700007 is not"}) {
            assertTrue(!out.contains("code " + code), code + "\n" + out);
        }
        assertTrue(out.contains(vs + "outside-source.csv:6: '# added: 37340000' names a code that is not in the file"), out);
        assertTrue(out.contains(vs + "outside-source.csv:7: '# added: 38341003' is already in the published source"), out);
        assertTrue(out.contains(vs + "outside-source.csv:8: '# added: 73211009' gives no reason"), out);
        // The source must be a list copied into the repository, not ../shared.
        assertTrue(out.contains(vs + "unknown-source.csv:1: source '../shared/codelists/eFI-and-conditions/efi-parkinsons.v1.tsv' is not a published list under codelists/"), out);
        assertTrue(out.contains(vs + "unknown-source.csv:1: source 'codelists/fixture/no-such-list.tsv' is not a published list under codelists/"), out);
        // Files with complete provenance raise no provenance findings.
        assertTrue(!out.contains(vs + "codes.csv:1:"), out);
        assertTrue(!out.contains(vs + "outside-source.csv:1:"), out);
    }

    @Test
    void aRuleWithoutRationaleAndAnUnknownValueSetAreReportedWhenTheManifestIsFixed(@TempDir Path tmp) throws Exception {
        Path v = tmp.resolve("rules/lint-broken/1.0.0");
        java.nio.file.Files.createDirectories(v);
        for (String f : new String[] {"recommendations.yaml", "rules.drl"}) {
            java.nio.file.Files.copy(FIXTURE.resolve("rules/lint-broken/1.0.0").resolve(f), v.resolve(f));
        }
        java.nio.file.Files.writeString(v.resolve("manifest.yaml"), java.nio.file.Files.readString(FIXTURE.resolve("rules/lint-broken/1.0.0/manifest.yaml"))
                + "clinicalReviewer: Test fixture\n");
        Cli.Run run = Cli.run("lint", "--rules", tmp.resolve("rules").toString(), "--docs", FIXTURE.resolve("docs/recommendations.md").toString());
        assertTrue(run.out().contains("rules/lint-broken/1.0.0/rules.drl:13: unknown value set 'no-such-set'"), run.out());
        assertTrue(run.out().contains("rules/lint-broken/1.0.0/rules.drl:9: rule \"No rationale\" has no @rationale"), run.out());
    }
}
