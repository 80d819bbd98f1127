package org.waymark.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.waymark.engine.ruleset.Problem;

/**
 * Every parameter says why it has its value ({@code description:}, docs/authoring.md "Change a threshold"): a
 * clinical lead changing it later needs the reason, and the generated documentation shows it.
 */
final class ParameterChecks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ParameterChecks() {
    }

    /** The problems of {@code folder/parameters.yaml} ({@code rel} names a file as reported); none when there is no such file or it does not parse (loading reports that). */
    static void check(Path folder, Function<Path, String> rel, List<Problem> out) {
        Path file = folder.resolve("parameters.yaml");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode params = YAML.readTree(text).path("parameters");
            List<String> lines = text.lines().toList();
            params.fieldNames().forEachRemaining(name -> {
                if (params.get(name).path("description").asText("").isBlank()) {
                    out.add(new Problem(rel.apply(file), lineOf(lines, name), "parameter '" + name
                            + "' has no description (say why it has this value, and the source it rests on)"));
                }
            });
        } catch (IOException | RuntimeException e) {
            // a file that does not parse is a load problem, reported once by the loader
        }
    }

    private static int lineOf(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(name + ":")) {
                return i + 1;
            }
        }
        return 0;
    }
}
