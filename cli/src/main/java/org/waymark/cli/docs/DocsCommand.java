package org.waymark.cli.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code waymark docs}: regenerates the authoring documents from the rule sets and the engine's source. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Write each rule-set version's README.md (rules, cards, parameters, value sets, design decisions) and "
                + "docs/fact-model.md (from the engine's source); --check only reports the stale ones.")
public final class DocsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--repository", defaultValue = ".", paramLabel = "DIR", description = "The repository root (default: .).") Path repository;

    @Option(names = "--check", description = "Write nothing; exit 1 when a generated document is out of date.") boolean check;

    @Override
    public Integer call() throws Exception {
        Map<Path, String> stale = GeneratedDocs.stale(repository.toAbsolutePath().normalize());
        for (Map.Entry<Path, String> doc : stale.entrySet()) {
            if (check) {
                spec.commandLine().getOut().println("out of date: " + doc.getKey());
            } else {
                Files.writeString(doc.getKey(), doc.getValue());
                spec.commandLine().getOut().println("wrote " + doc.getKey());
            }
        }
        if (stale.isEmpty()) {
            spec.commandLine().getOut().println("documents up to date");
        }
        return check && !stale.isEmpty() ? 1 : 0;
    }
}
