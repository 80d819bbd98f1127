package org.waymark.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import org.waymark.engine.lint.Linter;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.scenario.ScenarioLoader;
import org.waymark.engine.util.ContentDigest;
import org.waymark.pathways.definition.PathwayDefinition;
import org.waymark.pathways.evaluation.PathwayService;

/**
 * Everything the serving gate's verdict on a compiled version depends on, as one SHA-256: the engine build; every file
 * of the version's folder and of the shared definitions it uses (DRL, manifest, parameters, value sets, catalogue,
 * scenarios); a record file a scenario names outside them and the versions a scenario pins ({@code ruleSets:}); every
 * care pathway's folder (replay evaluates them); what lint reads beyond the folders (the recommendations document, the
 * published code lists); and every code a loaded rule set or pathway defines (an expectation naming an unknown code
 * fails). Two versions hash alike only when the gate would read the same bytes with the same code. {@code common}: the
 * hash of the inputs every version shares, made once per start-up by {@link #of}.
 */
record GateInputs(Path repoRoot, RuleSets snapshot, String common) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For the versions of {@code snapshot}, checked by {@code engine}. */
    static GateInputs of(EngineBuild engine, Path repoRoot, RuleSets snapshot, PathwayService pathways, Linter linter) throws IOException {
        Path root = repoRoot.toAbsolutePath().normalize();
        ContentDigest digest = new ContentDigest().text("serving gate", "1").text("engine", engine.sha256());
        for (Path p : linter.readsBeyondRuleSets()) {
            Path abs = p.toAbsolutePath().normalize();
            String name = name(root, abs);
            if (Files.isDirectory(abs)) {
                digest.folder(name, abs);
            } else {
                digest.file(name, abs);
            }
        }
        for (PathwayDefinition p : pathways.registry().all()) {
            digest.folder("pathway " + p.id() + "@" + p.version(), p.folder());
        }
        for (String failed : new TreeSet<>(pathways.registry().failures().keySet())) {
            digest.text("pathway failed", failed);
        }
        TreeSet<String> codes = new TreeSet<>(linter.knownCodes());
        codes.addAll(snapshot.codes());
        codes.addAll(pathways.codes());
        digest.text("codes", String.join("\n", codes));
        return new GateInputs(root, snapshot, digest.hex());
    }

    String sha256(CompiledRuleSet rs) throws IOException {
        ContentDigest digest = new ContentDigest().text("common", common).text("version", rs.key());
        sourceFolders(digest, rs);
        for (Path scenario : ScenarioLoader.find(rs.folder().resolve("scenarios"))) {
            scenarioReferences(digest, scenario);
        }
        return digest.hex();
    }

    private void sourceFolders(ContentDigest digest, CompiledRuleSet rs) throws IOException {
        for (Path folder : rs.sourceFolders()) {
            Path abs = folder.toAbsolutePath().normalize();
            digest.folder(name(repoRoot, abs), abs);
        }
    }

    /** A record file the scenario names and the rule-set versions it pins: the replay reads those too. */
    private void scenarioReferences(ContentDigest digest, Path scenario) throws IOException {
        String text = Files.readString(scenario, StandardCharsets.UTF_8);
        // Only a file naming either field (or escaping characters, which could spell one) can refer to anything.
        if (!text.contains("record") && !text.contains("ruleSets") && !text.contains("\\")) {
            return;
        }
        JsonNode root;
        try {
            root = (scenario.toString().endsWith(".json") ? JSON : YAML).readTree(text);
        } catch (IOException e) {
            return; // not readable: replay fails it, so the version does not pass
        }
        if (root == null) {
            return;
        }
        JsonNode record = root.get("record");
        if (record != null && record.isTextual()) {
            Path file = scenario.getParent().resolve(record.asText()).toAbsolutePath().normalize();
            digest.file("record " + name(repoRoot, file), file);
        }
        for (JsonNode pin : root.path("ruleSets")) {
            String key = pin.asText();
            int at = key.indexOf('@');
            Optional<CompiledRuleSet> pinned = at < 0 ? Optional.empty() : snapshot.compiled(key.substring(0, at), key.substring(at + 1));
            digest.text("pinned", key);
            if (pinned.isPresent()) {
                sourceFolders(digest, pinned.get());
            }
        }
    }

    private static String name(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : p.toString();
    }
}
