package org.waymark.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.OnEachStore;
import org.waymark.api.TestServer;
import org.waymark.api.TestStores;
import org.waymark.api.store.Database;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.fixtures.Folders;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.pathways.definition.PathwayRegistry;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Start-up takes a serving-gate pass kept in the store only for the same bytes: the same content is not checked again,
 * one byte changed is, and a version that fails is never served, whatever was kept for its earlier content.
 */
class ServingGatePassTest {
    @TempDir
    Path repo;

    @OnEachStore
    void aRestartOnTheSameContentTakesTheKeptPassesAndOneByteChangedIsCheckedAgain(String kind, String store) throws IOException {
        TestStores.copyRules(repo);
        try (Database db = Database.open(store, null, null)) {
            RuleSetAdmin first = start(db);
            int ruleSets = first.current().ids().size();
            assertEquals(ruleSets, first.checkedAtStartup(), "a new store keeps no pass: every rule set's version is checked");
            RuleSetAdmin restarted = start(db);
            assertEquals(0, restarted.checkedAtStartup(), "the same bytes and engine: nothing is replayed");
            assertEquals("1.0.0", serving(restarted));

            OneByte.change(repo.resolve("rules/proactive-care/1.0.0/scenarios/dq-cfs-value-non-finite-no-value.yaml"), "title: ");
            RuleSetAdmin afterScenario = start(db);
            assertEquals(1, afterScenario.checkedAtStartup(), "one byte of a scenario changed: that version is checked again");
            assertEquals("1.0.0", serving(afterScenario));

            OneByte.change(repo.resolve("rules/proactive-care/1.0.0/frailty.drl"), "// Moderate");
            assertEquals(1, start(db).checkedAtStartup(), "one byte of its DRL changed: checked again");
            OneByte.change(repo.resolve("rules/shared/frailty/1.0.0/frailty.drl"), "// The one");
            long usingFrailty = first.current().allActive().stream().filter(r -> r.shared().stream().anyMatch(d -> d.key().equals("frailty@1.0.0"))).count();
            assertTrue(usingFrailty > 0, "the bundled rule sets use the shared frailty definition");
            assertEquals(usingFrailty, start(db).checkedAtStartup(), "a shared definition changed: every version that uses it is checked again");
            assertEquals(0, start(db).checkedAtStartup());
        }
    }

    @Test
    void aVersionThatFailsIsNeverServedThoughAPassWasKeptForItsEarlierContent() throws IOException {
        TestStores.copyRules(repo);
        Path v101 = repo.resolve("rules/proactive-care/1.0.1");
        Folders.copy(repo.resolve("rules/proactive-care/1.0.0"), v101);
        replace(v101.resolve("manifest.yaml"), "version: 1.0.0", "version: 1.0.1");
        try (Database db = Database.embedded(repo.resolve("data"))) {
            assertEquals("1.0.1", serving(start(db)), "the highest status-active version that passes serves");
            String passing = Files.readString(v101.resolve("parameters.yaml"));
            replace(v101.resolve("parameters.yaml"), "  frailty-min-age:\n    value: 65\n", "  frailty-min-age:\n    value: 90\n");

            RuleSetAdmin failing = start(db);
            assertEquals("1.0.0", serving(failing), "1.0.1's scenarios fail now: its earlier pass does not count");
            assertEquals(2, failing.checkedAtStartup(), "1.0.1 (fails) and 1.0.0 (never checked before) are checked");
            RuleSetAdmin again = start(db);
            assertEquals("1.0.0", serving(again));
            assertEquals(1, again.checkedAtStartup(), "a failure is never kept: 1.0.1 is checked at every start; 1.0.0's pass is taken");

            Files.writeString(v101.resolve("parameters.yaml"), passing);
            RuleSetAdmin restored = start(db);
            assertEquals("1.0.1", serving(restored), "the original bytes again: the pass kept for them serves 1.0.1");
            assertEquals(0, restored.checkedAtStartup());
        }
    }

    private RuleSetAdmin start(Database db) {
        RuleSetRegistry registry = RuleSetRegistry.load(repo.resolve("rules"), Map.of());
        PathwayService pathways = new PathwayService(PathwayRegistry.load(RepositoryRoot.pathwayDefinitions()));
        Linter linter = new Linter(repo, repo.resolve("docs/recommendations.md"), Linter.codesOf(registry::current, pathways));
        RuleSetAdmin admin = new RuleSetAdmin(registry, pathways, db, linter, true, Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
        admin.serveAtStartup(Map.of());
        return admin;
    }

    private static String serving(RuleSetAdmin admin) {
        return admin.current().active("proactive-care").map(CompiledRuleSet::version).orElse("none");
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(from + " is not in " + file);
        }
        Files.writeString(file, text.replace(from, to));
    }
}
