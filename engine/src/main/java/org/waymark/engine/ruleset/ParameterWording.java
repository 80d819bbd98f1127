package org.waymark.engine.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders a rule set's wording with its parameters ({@link Wording}); a name that is no parameter is a problem at its line. */
final class ParameterWording {
    private final Map<String, Parameters.Parameter> parameters;
    private final Problems problems;

    ParameterWording(Map<String, Parameters.Parameter> parameters, Problems problems) {
        this.parameters = parameters;
        this.problems = problems;
    }

    /** {@code text} as read from {@code file} (whose whole text is {@code fileText}, to find the line of an unknown name). */
    String render(String text, String file, String fileText) {
        List<String> unknown = new ArrayList<>();
        String rendered = Wording.render(text, name -> Optional.ofNullable(parameters.get(name)).map(Parameters.Parameter::value), unknown);
        for (String name : unknown) {
            int at = fileText.indexOf("{{" + name);
            problems.add(file, at < 0 ? 0 : RuleLines.ofOffset(fileText, at), "{{" + name + "}} names no parameter (not in parameters.yaml"
                    + " of the rule set or a shared definition it uses)");
        }
        return rendered;
    }
}
