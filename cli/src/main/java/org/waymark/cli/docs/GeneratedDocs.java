package org.waymark.cli.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSetRegistry;
import org.waymark.engine.docs.VersionGuide;
import org.waymark.engine.ruleset.RuleSetVersion;

/** The documents generated from the repository: each rule-set version's README.md and docs/fact-model.md, by path. */
public final class GeneratedDocs {
    private GeneratedDocs() {
    }

    /** {@code repository}: the root holding rules/ and engine/src/main/java. */
    public static Map<Path, String> of(Path repository) throws IOException {
        Map<Path, String> docs = new LinkedHashMap<>();
        for (RuleSetVersion v : RuleSetRegistry.load(repository.resolve("rules"), Map.of()).current().versions()) {
            if (v instanceof CompiledRuleSet rs) {
                docs.put(rs.folder().resolve("README.md"), VersionGuide.forVersion(rs, repository));
                for (Path shared : rs.sharedFolders()) {
                    // Each shared definition once, from the first rule set that compiles it in.
                    if (!docs.containsKey(shared.resolve("README.md"))) {
                        docs.put(shared.resolve("README.md"), VersionGuide.forShared(shared, rs, repository));
                    }
                }
            }
        }
        docs.put(repository.resolve("docs/fact-model.md"), FactModelReference.generate(repository.resolve("engine/src/main/java")));
        return docs;
    }

    /** The generated documents that differ from what is in the repository (missing ones included). */
    public static Map<Path, String> stale(Path repository) throws IOException {
        Map<Path, String> stale = new LinkedHashMap<>();
        for (Map.Entry<Path, String> doc : of(repository).entrySet()) {
            if (!Files.isRegularFile(doc.getKey()) || !Files.readString(doc.getKey()).equals(doc.getValue())) {
                stale.put(doc.getKey(), doc.getValue());
            }
        }
        return stale;
    }
}
