package org.waymark.cli.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.cli.Cli;
import org.waymark.cli.Main;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;
import picocli.CommandLine;

/** The population commands take their shared options (--input, --as-of, --out) from the options mixins. */
class PopulationCommandsTest {
    private static final Path RULES = RepositoryRoot.rules();
    private static final Path PATHWAYS = RepositoryRoot.pathwayDefinitions();
    private static final String AS_OF = "2026-11-24T09:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void pathwayKpisReadTheInputFolderAsOfTheGivenInstant() {
        Path scenarios = PATHWAYS.resolve("urgent-community-response/1.0.0/scenarios");
        Cli.Run run = Cli.run("pathways", "kpi", "--input", scenarios.toString(), "--as-of", AS_OF, "--pathways", PATHWAYS.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().matches("(?s)[1-9]\\d* patient records as of " + AS_OF + "\\n.*urgent-community-response.*"), run.out());
    }

    @Test
    void aGeneratedPopulationIsScreenedIntoTheOutputFolder() throws Exception {
        Path population = tmp.resolve("in");
        Cli.Run generate = Cli.run("generate", "--patients", "20", "--seed", "3", "--out", population.toString());
        assertEquals(0, generate.exit(), generate.out());
        assertTrue(generate.out().startsWith("wrote 20 patients to " + population), generate.out());

        Path out = tmp.resolve("out");
        Cli.Run screen = Cli.run("screen", "--input", population.toString(), "--as-of", "2026-11-24", "--out", out.toString(), "--ids", "real",
                "--rules", RULES.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(), "--threads", "1",
                "--deprivation-map", population.resolve("deprivation-map.csv").toString());
        assertEquals(0, screen.exit(), screen.out());
        assertTrue(screen.out().startsWith("screened 20 patients"), screen.out());
        assertTrue(Files.readString(out.resolve("breakdowns.csv")).contains("deprivation_decile,"), "broken down by the generated map");
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        assertTrue(Files.isRegularFile(out.resolve("cohort.csv")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"disclosure\" : \"suppressed\""), "suppression is on by default");
    }

    /**
     * The data folder keeps what the first run compiled (as the server does); the second rebuilds every rule set from it,
     * so it writes no knowledge file again (a kept file is replaced, never rewritten in place), and screens alike.
     */
    @Test
    void aRerunRebuildsTheRuleSetsFromTheKnowledgeTheFirstRunKeptAndScreensAlike() throws Exception {
        Path population = tmp.resolve("in");
        assertEquals(0, Cli.run("generate", "--patients", "20", "--seed", "3", "--out", population.toString()).exit());
        Path kept = tmp.resolve("data").resolve("compiled-rules");
        Cli.Run first = screenInto(population, tmp.resolve("first"));
        assertEquals(0, first.exit(), first.out());
        Map<Path, Object> files = keptFiles(kept);
        assertTrue(files.size() >= 4, "a file for each bundled rule set at least: " + files.keySet());

        Cli.Run second = screenInto(population, tmp.resolve("second"));
        assertEquals(0, second.exit(), second.out());
        assertEquals(files, keptFiles(kept), "every file the first run kept was read back, none made again");
        for (String output : List.of("cohort.csv", "cohort.ndjson", "measures-by-pcn.csv")) {
            assertEquals(Files.readString(tmp.resolve("first").resolve(output)), Files.readString(tmp.resolve("second").resolve(output)), output);
        }
    }

    private Cli.Run screenInto(Path input, Path out) {
        return Cli.run("screen", "--input", input.toString(), "--as-of", AS_OF, "--out", out.toString(), "--ids", "real",
                "--rules", RULES.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(), "--threads", "1");
    }

    /** Each kept file with the identity of its inode, which an atomic replacement changes. */
    private static Map<Path, Object> keptFiles(Path folder) throws IOException {
        Map<Path, Object> files = new TreeMap<>();
        try (var list = Files.list(folder)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName(), Files.readAttributes(f, BasicFileAttributes.class).fileKey());
            }
        }
        return files;
    }

    /**
     * A rule set none of whose versions compiles is refused, naming the rule set and the problem, not left out: its
     * advice would be missing from every count. The rule sets load beside pass 1, so the refusal comes after it; no
     * output is written.
     */
    @Test
    void aRuleSetThatDoesNotCompileRefusesTheRunAndWritesNoOutput() throws Exception {
        Path population = tmp.resolve("in");
        assertEquals(0, Cli.run("generate", "--patients", "20", "--seed", "3", "--out", population.toString()).exit());
        Path rules = tmp.resolve("rules");
        Folders.copy(RULES, rules);
        Files.writeString(rules.resolve("carers/1.0.0/support.drl"), "\nrule \"Broken\" when $x : NoSuchFact() then end\n",
                StandardOpenOption.APPEND);
        Path out = tmp.resolve("out");
        String err = refused("screen", "--input", population.toString(), "--as-of", AS_OF, "--out", out.toString(), "--ids", "real",
                "--rules", rules.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(), "--threads", "1");
        assertTrue(err.startsWith("waymark: rule set carers has no version that loads, so the run would leave it out: carers@1.0.0: ")
                && err.contains("NoSuchFact"), err);
        assertTrue(!Files.exists(out.resolve("cohort.csv")) && !Files.exists(out.resolve("summary.json")), "no output from a refused run");
    }

    /** Checked before pass 1 (the rule sets load beside it), so nothing is read or written for a run that cannot screen. */
    @Test
    void aMissingRulesFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path population = tmp.resolve("in");
        assertEquals(0, Cli.run("generate", "--patients", "5", "--seed", "3", "--out", population.toString()).exit());
        Path out = tmp.resolve("out");
        String err = refused("screen", "--input", population.toString(), "--as-of", AS_OF, "--out", out.toString(), "--ids", "real",
                "--rules", tmp.resolve("no-rules").toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString());
        assertEquals("waymark: rules directory " + tmp.resolve("no-rules") + " does not exist\n", err);
        assertTrue(!Files.exists(out), "no output folder");
    }

    /** Runs the command, expecting exit 2, and returns what it wrote to the error stream. */
    private static String refused(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(args, System::getenv);
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute(args), err.toString());
        return err.toString();
    }

    @Test
    void noSuppressionWarnsAndMarksTheOutputsUnsuppressed() throws Exception {
        Path population = tmp.resolve("in");
        assertEquals(0, Cli.run("generate", "--patients", "20", "--seed", "3", "--out", population.toString()).exit());
        Path out = tmp.resolve("out");
        String[] args = {"screen", "--input", population.toString(), "--as-of", AS_OF, "--out", out.toString(), "--ids", "real", "--no-suppression",
            "--rules", RULES.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(), "--threads", "1"};
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(args, System::getenv);
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute(args), err.toString());
        assertTrue(err.toString().startsWith("WARNING: --no-suppression: "), err.toString());
        assertTrue(err.toString().contains("must not be published"), err.toString());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"disclosure\" : \"UNSUPPRESSED\""));
        List<String> csv = Files.readAllLines(out.resolve("measures-by-pcn.csv"));
        assertTrue(csv.size() > 1 && csv.stream().skip(1).allMatch(l -> l.endsWith(",UNSUPPRESSED")), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.matches(".*,(1|2|3|4|6|7),.*")), "exact small counts are shown: " + csv);
    }

    /** Runs {@code screen} over {@code input} as main does, with the error stream captured. */
    private Cli.Run screen(Path input, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("screen", "--input", input.toString(), "--as-of", "2026-11-24", "--out",
                tmp.resolve("out").toString(), "--rules", RULES.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(),
                "--threads", "1"));
        args.addAll(List.of(more));
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(args.toArray(String[]::new), System::getenv);
        cli.setErr(new PrintWriter(err, true));
        return new Cli.Run(cli.execute(args.toArray(String[]::new)), err.toString());
    }

    @Test
    void aRunThatScreensNoPatientFailsWithAMessage() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        // What a Synthea-style export looked like to the old reader: every line names its patient by urn:uuid.
        Files.writeString(input.resolve("Condition.ndjson"), "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"urn:uuid:1\"}}\n");
        Cli.Run run = screen(input);
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().startsWith("waymark screen: no patient was screened (1 lines read, 1 skipped; see skipped.tsv)"), run.out());
    }

    @Test
    void moreSkippedLinesThanTheAllowedShareFailUnlessTheShareIsRaised() throws Exception {
        Path input = tmp.resolve("in");
        assertEquals(0, Cli.run("generate", "--patients", "20", "--seed", "3", "--out", input.toString()).exit());
        long lines = 0;
        try (var files = Files.list(input)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                lines += Files.readAllLines(f).size();
            }
        }
        Files.writeString(input.resolve("Broken.ndjson"), "{not json\n".repeat((int) (lines / 10)));
        Cli.Run refused = screen(input);
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().matches("(?s)waymark screen: \\d+ of \\d+ lines \\([89]\\.\\d%\\) were skipped, more than the 5\\.0% allowed.*"), refused.out());
        Cli.Run allowed = screen(input, "--max-skipped-share", "0.2");
        assertEquals(0, allowed.exit(), allowed.out());
    }

    @Test
    void aMissingInputFolderIsAClearErrorNotAStackTrace() {
        Cli.Run run = screen(tmp.resolve("nowhere"));
        assertEquals(2, run.exit(), run.out());
        assertEquals("waymark: input folder " + tmp.resolve("nowhere") + " does not exist (or is not a folder)\n", run.out());
    }

    @Test
    void aMissingDeprivationMapIsAClearError() {
        Cli.Run run = screen(tmp, "--deprivation-map", tmp.resolve("nowhere.csv").toString());
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.out().contains("--deprivation-map: no such file " + tmp.resolve("nowhere.csv")), run.out());
    }

    @Test
    void aDateIsAcceptedWhereAnInstantIsAndOtherTextIsRefused() {
        assertEquals(java.time.Instant.parse("2026-06-01T23:00:00Z"), new org.waymark.cli.options.InstantOrDate().convert("2026-06-02"),
                "the start of the day in England (BST)");
        assertEquals(java.time.Instant.parse("2026-11-24T00:00:00Z"), new org.waymark.cli.options.InstantOrDate().convert("2026-11-24"));
        Cli.Run run = screen(tmp, "--as-of", "yesterday");
        assertEquals(2, run.exit());
    }

    @Test
    void screeningWithoutAnEvaluationInstantIsAUsageError() {
        Cli.Run run = Cli.run("screen", "--input", tmp.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, run.exit());
    }

    @Test
    void aMonthlySeriesIsScreenedInOnePass() throws Exception {
        Path population = tmp.resolve("in");
        assertEquals(0, Cli.run("generate", "--patients", "20", "--seed", "3", "--out", population.toString()).exit());
        Path out = tmp.resolve("out");
        Cli.Run screen = Cli.run("screen", "--input", population.toString(), "--as-of-series", "2026-09..2026-11", "--out", out.toString(),
                "--ids", "real", "--rules", RULES.toString(), "--pathways", PATHWAYS.toString(), "--data", tmp.resolve("data").toString(),
                "--threads", "1");
        assertEquals(0, screen.exit(), screen.out());
        assertTrue(Files.readString(out.resolve("measures-series.csv")).contains("\n2026-09,"), "the first month is in the series");
        assertTrue(Files.isRegularFile(out.resolve("kpi-series.csv")));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"asOf\" : \"2026-11-30T23:59:59.999Z\""), "as of the last month end");
    }

    @Test
    void aBadSeriesIsAUsageErrorThatSaysWhy() {
        assertTrue(usageError("--as-of-series", "2026-11..2025-12").contains("the series 2026-11..2025-12 ends before it starts"));
        assertTrue(usageError("--as-of-series", "2025-13..2026-11").contains("'2025-13..2026-11' is not a month range such as 2025-12..2026-11"));
        assertTrue(usageError("--as-of-series", "2025-12").contains("is not a month range"));
        assertTrue(usageError("--as-of", "2026-11-24", "--as-of-series", "2025-12..2026-11").contains("mutually exclusive"));
    }

    /** Runs {@code screen} with {@code when}, expecting exit 2, and returns what it wrote to the error stream. */
    private String usageError(String... when) {
        List<String> args = new java.util.ArrayList<>(List.of("screen", "--input", tmp.toString(), "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(when));
        return refused(args.toArray(String[]::new));
    }
}
