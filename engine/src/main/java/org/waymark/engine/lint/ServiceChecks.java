package org.waymark.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.Problem;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.ServiceWording;

/**
 * The wording of {@code rules/services.yaml}: every {@code {{name}}} in a service's title and description is a
 * parameter of one of its rule sets' serving versions (or {@code dueWithin}), and no number there contradicts
 * one of those parameters.
 */
final class ServiceChecks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ALL = "all";

    private ServiceChecks() {
    }

    static List<Problem> check(Path file, String rel, RuleSets sets) {
        List<Problem> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text;
        JsonNode services;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            services = YAML.readTree(text).path("services");
        } catch (IOException e) {
            out.add(new Problem(rel, 0, "not a valid services file: " + e.getMessage()));
            return out;
        }
        for (JsonNode s : services) {
            String id = s.path("id").asText();
            int line = lineOf(text, "- id: " + id);
            List<CompiledRuleSet> ruleSets = ruleSets(s.path("ruleSets"), sets);
            Map<String, Parameters.Parameter> parameters = ServiceWording.parameters(ruleSets);
            Optional<Duration> dueWithin = dueWithin(s.path("pathways").path("dueWithin").asText(""));
            for (String field : List.of("title", "description")) {
                List<String> unknown = new ArrayList<>();
                String rendered = ServiceWording.render(s.path(field).asText(""), ruleSets, dueWithin, unknown);
                unknown.forEach(name -> out.add(new Problem(rel, line, "service " + id + " " + field + ": {{" + name
                        + "}} is neither dueWithin nor <rule-set>.<parameter> of a rule set the service uses (serving version)")));
                NumberClaims.contradictions(rendered, parameters, parameters)
                        .forEach(m -> out.add(new Problem(rel, line, "service " + id + " " + field + ": " + m)));
            }
        }
        return out;
    }

    private static List<CompiledRuleSet> ruleSets(JsonNode listed, RuleSets sets) {
        List<String> ids = new ArrayList<>();
        if (listed.isTextual()) {
            ids.add(listed.asText());
        }
        listed.forEach(n -> ids.add(n.asText()));
        return sets.allActive().stream().filter(rs -> ids.contains(ALL) || ids.contains(rs.id())).toList();
    }

    private static Optional<Duration> dueWithin(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
