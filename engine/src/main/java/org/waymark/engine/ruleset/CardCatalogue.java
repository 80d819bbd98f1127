package org.waymark.engine.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code recommendations.yaml}, the catalogue of what each code's card says, with its wording rendered from
 * the parameters, and checks what a CDS Hooks client needs to show the card: a summary under 140 characters
 * (after rendering), every suggestion labelled, and every action a {@code create}, {@code update} or
 * {@code delete} with a description.
 */
final class CardCatalogue {
    static final Set<String> ACTION_TYPES = Set.of("create", "update", "delete");

    private final String rel;
    private final ParameterWording wording;
    private final Problems problems;

    CardCatalogue(String rel, ParameterWording wording, Problems problems) {
        this.rel = rel;
        this.wording = wording;
        this.problems = problems;
    }

    Map<String, RecommendationDefinition> read(Path file, String ruleSetId) {
        Map<String, RecommendationDefinition> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            problems.add(rel, 0, "missing recommendations.yaml (the catalogue of this rule set's recommendation codes)");
            return out;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(rel, 0, "cannot read: " + e.getMessage());
            return out;
        }
        Optional<JsonNode> tree = YamlFiles.read(file, rel, problems);
        tree.map(t -> t.path("recommendations")).ifPresent(list -> list.forEach(r -> {
            String code = r.path("code").asText();
            int line = codeLine(text, code);
            String where = "recommendation '" + code + "': ";
            if (!code.startsWith(ruleSetId + ".")) {
                problems.add(rel, line, where + "code must start with '" + ruleSetId + ".'");
                return;
            }
            try {
                RecommendationDefinition def = new RecommendationDefinition(code, render(required(r, "title"), text),
                        render(required(r, "summary"), text), Indicator.parse(r.path("indicator").asText(null)),
                        render(r.path("detail").asText(""), text), suggestions(r, where, line, text));
                if (out.put(code, def) != null) {
                    problems.add(rel, line, where + "defined twice");
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(rel, line, where + e.getMessage());
            }
        }));
        return out;
    }

    private List<Suggestion> suggestions(JsonNode r, String where, int line, String text) {
        List<Suggestion> suggestions = new ArrayList<>();
        int n = 0;
        for (JsonNode s : r.path("suggestions")) {
            n++;
            String label = s.path("label").asText("").strip();
            if (label.isEmpty()) {
                problems.add(rel, line, where + "suggestion " + n + " has no label (the button text a clinician sees)");
            }
            List<Suggestion.Action> actions = new ArrayList<>();
            for (JsonNode a : s.path("actions")) {
                String type = a.path("type").asText("").strip();
                String description = a.path("description").asText("").strip();
                if (!ACTION_TYPES.contains(type)) {
                    problems.add(rel, line, where + "suggestion " + n + " has an action of type '" + type
                            + "' (CDS Hooks actions are create, update or delete)");
                }
                if (description.isEmpty()) {
                    problems.add(rel, line, where + "suggestion " + n + " has an action without a description");
                }
                actions.add(new Suggestion.Action(type, render(description, text), Optional.ofNullable(a.get("resource"))));
            }
            suggestions.add(new Suggestion(render(label, text), actions));
        }
        return suggestions;
    }

    private String render(String raw, String fileText) {
        return wording.render(raw, rel, fileText);
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText().strip();
    }

    /** The 1-based line of {@code code: <code>}, or 0. */
    static int codeLine(String text, String code) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().replaceFirst("^-\\s*", "").equals("code: " + code)) {
                return i + 1;
            }
        }
        return 0;
    }
}
