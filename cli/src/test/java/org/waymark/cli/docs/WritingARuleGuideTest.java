package org.waymark.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.waymark.api.TestServer;
import org.waymark.cli.Cli;
import org.waymark.fixtures.Folders;

/**
 * docs/writing-a-rule.md followed as written: its blocks marked {@code file=} or {@code append=} are put into a copy
 * of proactive-care as version 1.1.0, which must lint clean and replay green, with the guide's four scenarios.
 */
class WritingARuleGuideTest {
    private static final Path REPO = TestServer.rules().getParent();
    private static final Pattern BLOCK = Pattern.compile("```(?:drl|yaml) (file|append)=(\\S+)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path repo;

    @Test
    void theWorkedExampleLintsCleanAndItsScenariosPass() throws Exception {
        Path rules = repo.resolve("rules");
        Folders.copy(REPO.resolve("rules"), rules);
        Folders.copy(REPO.resolve("codelists"), repo.resolve("codelists"));
        Files.createDirectories(repo.resolve("docs"));
        Path v110 = rules.resolve("proactive-care/1.1.0");
        Folders.copy(rules.resolve("proactive-care/1.0.0"), v110);
        Path manifest = v110.resolve("manifest.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0", "version: 1.1.0").replace("status: active", "status: draft")
                + "  - version: 1.1.0\n    date: 2026-12-01\n    summary: Dementia care plan review.\n");

        String guide = Files.readString(REPO.resolve("docs/writing-a-rule.md"));
        Matcher block = BLOCK.matcher(guide);
        int blocks = 0;
        while (block.find()) {
            Path target = v110.resolve(block.group(2));
            Files.createDirectories(target.getParent());
            if (block.group(1).equals("file")) {
                Files.writeString(target, block.group(3));
            } else {
                Files.writeString(target, Files.readString(target).stripTrailing() + "\n" + block.group(3));
            }
            blocks++;
        }
        assertEquals(7, blocks, "the guide's rule, parameter, card and four scenarios");
        // The guide asks for the code to be documented in recommendations.md, which lint checks.
        Files.writeString(repo.resolve("docs/recommendations.md"), Files.readString(REPO.resolve("docs/recommendations.md"))
                + "\n| `proactive-care.dementia-care-plan` | Offer a dementia care plan review. | Dementia, no care plan in 12 months. CR-2.3 | info |\n");

        Cli.Run lint = Cli.run("lint", "proactive-care@1.1.0", "--rules", rules.toString());
        assertEquals(0, lint.exit(), lint.out());
        assertTrue(lint.out().contains("lint clean"), lint.out());

        Cli.Run replay = Cli.run("replay", v110.toString(), "--rules", rules.toString(), "--pathways",
                REPO.resolve("pathways/definitions").toString());
        assertEquals(0, replay.exit(), replay.out());
        for (String scenario : new String[] {"fires", "below", "suppressed", "dq-finding"}) {
            assertTrue(replay.out().lines().anyMatch(l -> l.startsWith("PASS  proactive-care@1.1.0") && l.contains("dementia-care-plan-" + scenario)),
                    scenario + ": " + replay.out());
        }
    }
}
