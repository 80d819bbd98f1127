package org.waymark.engine.ruleset;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wording that names parameters instead of repeating their values: {@code {{medication-review-min-medicines}}}
 * in a card's title, summary, detail, suggestion label or action description, or in a manifest description,
 * is that parameter's value, so changing the parameter changes the text. {@code {{patient}}} is not a
 * parameter: it stays for the patient's reference in suggestion resources.
 */
public final class Wording {
    static final String PATIENT = "patient";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9._-]+)\\s*}}");

    private Wording() {
    }

    /** The text with each {@code {{name}}} that {@code value} knows replaced; the names it does not know are in {@code unknown}. */
    public static String render(String text, Function<String, Optional<Object>> value, List<String> unknown) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Optional<Object> v = name.equals(PATIENT) ? Optional.empty() : value.apply(name);
            if (v.isEmpty() && !name.equals(PATIENT)) {
                unknown.add(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.map(Wording::format).orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names the text refers to, in order (without {@code patient}). */
    public static List<String> references(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(PATIENT)) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** A parameter value as a reader expects it: 9, 0.24 (never 9.0 or 0.2400). */
    public static String format(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
