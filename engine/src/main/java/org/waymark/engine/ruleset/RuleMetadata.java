package org.waymark.engine.ruleset;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.definition.rule.Rule;

/**
 * A rule's clinical metadata, written in DRL as annotations: {@code @id}, {@code @title},
 * {@code @rationale}, {@code @source} (clinical-reference sections, comma separated) and, for rules that
 * recommend, {@code @code}. Rules that only derive facts carry no code. {@code @checked} names what the rule found
 * absent from the record (its pertinent negatives, separated by ';', with {@code {{parameter}}} values), which the
 * card shows beside the evidence it found.
 */
public record RuleMetadata(String name, String id, String title, String rationale, List<String> sources, Optional<String> code,
                           List<String> checked) {
    public RuleMetadata {
        sources = List.copyOf(sources);
        checked = List.copyOf(checked);
    }

    public static final List<String> REQUIRED = List.of("id", "title", "rationale", "source");

    public static RuleMetadata of(Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        List<String> sources = Arrays.stream(text(meta, "source").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> checked = Arrays.stream(text(meta, "checked").split(";")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        return new RuleMetadata(rule.getName(), text(meta, "id"), text(meta, "title"), text(meta, "rationale"), sources,
                Optional.of(text(meta, "code")).filter(c -> !c.isEmpty()), checked);
    }

    /** The same rule with its {@code @checked} wording's parameters filled in; names no parameter has go to {@code unknown}. */
    RuleMetadata withParameters(Parameters parameters, List<String> unknown) {
        List<String> rendered = checked.stream()
                .map(c -> Wording.render(c, n -> parameters.has(n) ? Optional.of(parameters.all().get(n).value()) : Optional.empty(), unknown))
                .toList();
        return new RuleMetadata(name, id, title, rationale, sources, code, rendered);
    }

    private static String text(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) {
            return "";
        }
        String s = v.toString().strip();
        // Drools keeps the quotes of quoted annotation values.
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
