package org.waymark.engine.ruleset;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wording of the services declared in {@code rules/services.yaml} ({@link Wording}): {@code {{<rule-set>.<parameter>}}}
 * is that parameter of the rule set's serving version, and {@code {{dueWithin}}} the service's pathway due window
 * ("1 day", "7 days"), so discovery never states a threshold the rules no longer use.
 */
public final class ServiceWording {
    public static final String DUE_WITHIN = "dueWithin";

    private ServiceWording() {
    }

    /** {@code text} rendered against the service's rule sets and due window; names neither defines go to {@code unknown}. */
    public static String render(String text, List<CompiledRuleSet> ruleSets, Optional<Duration> dueWithin, List<String> unknown) {
        Map<String, Parameters.Parameter> parameters = parameters(ruleSets);
        return Wording.render(text, name -> name.equals(DUE_WITHIN) ? dueWithin.map(ServiceWording::duration)
                : Optional.ofNullable(parameters.get(name)).map(Parameters.Parameter::value), unknown);
    }

    /** Every parameter of the rule sets, named {@code <rule-set>.<parameter>}. */
    public static Map<String, Parameters.Parameter> parameters(List<CompiledRuleSet> ruleSets) {
        Map<String, Parameters.Parameter> out = new LinkedHashMap<>();
        for (CompiledRuleSet rs : ruleSets) {
            rs.parameters().all().values().forEach(p -> out.put(rs.id() + "." + p.name(),
                    new Parameters.Parameter(rs.id() + "." + p.name(), p.value(), p.description())));
        }
        return out;
    }

    static String duration(Duration d) {
        long days = d.toDays();
        if (days > 0 && d.equals(Duration.ofDays(days))) {
            return days == 1 ? "1 day" : days + " days";
        }
        long hours = d.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }
}
