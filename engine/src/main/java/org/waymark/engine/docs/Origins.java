package org.waymark.engine.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.DrlSource;
import org.waymark.engine.ruleset.RuleMetadata;

/**
 * Which folder of a compiled rule set (its own, or a shared definition it uses) defines each rule, parameter and
 * value set, so the documents say where to change them.
 */
final class Origins {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Path> rules = new HashMap<>();
    private final Map<String, Path> parameters = new HashMap<>();
    private final Map<String, Path> valueSets = new HashMap<>();

    Origins(CompiledRuleSet rs) throws IOException {
        for (Path folder : rs.sourceFolders()) {
            for (DrlSource drl : DrlSource.in(folder)) {
                rs.rules().stream().map(RuleMetadata::id).filter(id -> drl.text().contains("@id(\"" + id + "\")"))
                        .forEach(id -> rules.putIfAbsent(id, drl.file()));
            }
            Path params = folder.resolve("parameters.yaml");
            if (Files.isRegularFile(params)) {
                JsonNode defined = YAML.readTree(params.toFile()).path("parameters");
                defined.fieldNames().forEachRemaining(name -> parameters.putIfAbsent(name, folder));
            }
            for (String name : rs.valueSets().names()) {
                if (Files.isRegularFile(folder.resolve("valuesets").resolve(name + ".csv"))) {
                    valueSets.putIfAbsent(name, folder);
                }
            }
        }
    }

    /** The DRL file that defines the rule. */
    Optional<Path> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    Optional<Path> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    Optional<Path> valueSet(String name) {
        return Optional.ofNullable(valueSets.get(name));
    }
}
