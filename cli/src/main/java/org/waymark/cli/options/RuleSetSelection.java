package org.waymark.cli.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses repeated {@code --rule-set id@version} options into the map the registry takes. */
public final class RuleSetSelection {
    private RuleSetSelection() {
    }

    public static Map<String, String> parse(List<String> values, CommandSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int at = v.indexOf('@');
            if (at <= 0 || at == v.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--rule-set takes id@version, e.g. proactive-care@1.0.0, not '" + v + "'");
            }
            out.put(v.substring(0, at), v.substring(at + 1));
        }
        return out;
    }
}
