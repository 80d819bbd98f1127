package org.waymark.engine.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the YAML files of a rule-set folder into trees, turning parse errors into {@link Problem}s. */
final class YamlFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlFiles() {
    }

    static Optional<JsonNode> read(Path file, String relative, Problems problems) {
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                problems.add(relative, 1, "file is empty");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(relative, line, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add(relative, 0, "cannot read: " + e.getMessage());
        }
        return Optional.empty();
    }
}
