package org.waymark.cli.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.waymark.api.TestServer;
import org.waymark.cli.Cli;

/** Replay for people and for CI: one line a scenario, failures in full at the end, stable JUnit names, filters. */
class ReplayCommandTest {
    private static final Path RULES = TestServer.rules();
    private static final Path REPO = RULES.getParent();
    private static final Path PATHWAYS = REPO.resolve("pathways").resolve("definitions");
    private static final String WRONG = """
            title: Deliberately wrong - a fit person is expected to need a frailty review
            asOf: 2026-11-24
            patient: { birthDate: 1950-01-01, gender: male }
            entries:
              - { observation: 713636003, display: Frailty index score, value: 0.05, date: 2026-10-01 }
            expect:
              present: [proactive-care.frailty-review]
            """;
    private static final String FIT = """
            title: A fit person needs no frailty review
            asOf: 2026-11-24
            patient: { birthDate: 1950-01-01, gender: male }
            entries:
              - { observation: 713636003, display: Frailty index score, value: 0.05, date: 2026-10-01 }
            expect:
              absent: [proactive-care.frailty-review]
            """;

    @TempDir
    Path tmp;

    private Cli.Run replay(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--rules", RULES.toString(), "--pathways", PATHWAYS.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private Path write(String relative, String text) throws Exception {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void replayAtTheRepositoryRootRunsEveryBundledScenarioOnceAndSkipsBuildOutputAndFixtures() {
        Cli.Run run = replay(REPO.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().matches("(?s).*\\n(\\d+) scenarios: \\1 passed, 0 failed\\n$"), run.out());
        assertFalse(run.out().contains("lint-defects"), "the api test fixture is not a bundled scenario");
        assertTrue(run.out().contains("PASS  proactive-care@1.0.0"), run.out());
        assertTrue(run.out().contains("PASS  urgent-community-response@1.0.0"), run.out());
        long lines = run.out().lines().filter(l -> l.startsWith("PASS  ")).count();
        long distinct = run.out().lines().filter(l -> l.startsWith("PASS  ")).map(l -> l.split("\\s+")[1] + " " + l.split("\\s+")[2]).distinct().count();
        assertEquals(lines, distinct, "no scenario is found twice (for example again under target/)");
    }

    @Test
    void aFailureIsOneLineThenInFullAtTheEndWithASummaryThatNamesIt() throws Exception {
        write("rules/proactive-care/9.9.9/scenarios/wrong.yaml", WRONG);
        write("rules/proactive-care/9.9.9/scenarios/fit.yaml", FIT);
        Cli.Run run = replay(tmp.toString());
        assertEquals(1, run.exit(), run.out());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("PASS  proactive-care@9.9.9") && lines.get(0).contains("fit"), run.out());
        assertTrue(lines.get(1).startsWith("FAIL  proactive-care@9.9.9") && lines.get(1).contains("wrong"), run.out());
        int detail = run.out().indexOf("expected but not recommended: proactive-care.frailty-review");
        assertTrue(detail > run.out().indexOf(lines.get(1)), "the failure's detail comes after the one-line list");
        assertTrue(run.out().contains("2 scenarios: 1 passed, 1 failed"), run.out());
        assertTrue(run.out().endsWith("  failed: proactive-care@9.9.9 wrong\n"), run.out());
    }

    @Test
    void theJUnitReportValidatesAgainstTheCommonSchemaWithStableNamesAndDurations() throws Exception {
        write("rules/proactive-care/9.9.9/scenarios/wrong.yaml", WRONG);
        write("rules/proactive-care/9.9.9/scenarios/fit.yaml", FIT);
        write("rules/proactive-care/9.9.9/scenarios/bad.yaml", "title: Bad date\nasOf: yesterday\npatient: { birthDate: 1950-01-01 }\nexpect: { present: [a.b] }\n");
        Path junit = tmp.resolve("out/report.xml");
        Cli.Run run = replay(tmp.toString(), "--junit", junit.toString());
        assertEquals(1, run.exit(), run.out());

        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(getClass().getResourceAsStream("/junit/ant-junit.xsd")));
        schema.newValidator().validate(new StreamSource(junit.toFile()));

        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("proactive-care.9_9_9", suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        NodeList cases = doc.getElementsByTagName("testcase");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            assertEquals("proactive-care.9_9_9", tc.getAttribute("classname"), "no folder path in the class name");
            assertTrue(Double.parseDouble(tc.getAttribute("time")) >= 0);
            names.add(tc.getAttribute("name"));
        }
        assertEquals(List.of("bad", "fit", "wrong"), names, "test names are the scenario ids");
        assertTrue(Files.readString(junit).contains("<failure message=\"expected but not recommended: proactive-care.frailty-review\""));
    }

    @Test
    void aRecordFileBesideTheScenariosIsNotAScenario() throws Exception {
        write("rules/proactive-care/9.9.9/scenarios/records/fit.json", """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "1950-01-01", "gender": "male"}}]}
                """);
        write("rules/proactive-care/9.9.9/scenarios/from-record.yaml", """
                title: A record file beside the scenario
                asOf: 2026-11-24
                record: records/fit.json
                expect:
                  absent: [proactive-care.frailty-review]
                """);
        Cli.Run run = replay(tmp.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("1 scenarios: 1 passed, 0 failed"), run.out());
    }

    @Test
    void filterChoosesScenariosAndJsonIsForMachines() throws Exception {
        write("rules/proactive-care/9.9.9/scenarios/wrong.yaml", WRONG);
        write("rules/proactive-care/9.9.9/scenarios/fit.yaml", FIT);
        Cli.Run run = replay(tmp.toString(), "--filter", "9.9.9/f*t", "--json");
        assertEquals(0, run.exit(), run.out());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(1, json.get("scenarios").asInt());
        assertEquals("fit", json.get("outcomes").get(0).get("id").asText());
        assertEquals("proactive-care@9.9.9", json.get("outcomes").get(0).get("suite").asText());

        Cli.Run none = replay(tmp.toString(), "--filter", "no-such-scenario");
        assertEquals(2, none.exit(), "a filter that matches nothing is not a pass");
    }

    @Test
    void anInvalidScenarioNamesTheFileAndField() throws Exception {
        write("scenarios/bad.yaml", "title: Bad date\nasOf: yesterday\npatient: { birthDate: 1950-01-01 }\nexpect: { present: [a.b] }\n");
        Cli.Run run = replay(tmp.toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("bad.yaml: asOf: an instant such as"), run.out());
    }
}
