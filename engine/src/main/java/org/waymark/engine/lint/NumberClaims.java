package org.waymark.engine.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.waymark.engine.ruleset.Parameters;
import org.waymark.engine.ruleset.Wording;

/**
 * Finds numbers in card or service wording that contradict a parameter: "Ten or more current medicines" while
 * {@code medication-review-min-medicines} is 9. A number (digits, or a word from one to twenty) is about a
 * parameter when a word of the parameter's name (such as "medicines" or "months") is among the four words after
 * it or the two before; it contradicts when no such parameter has its value. Citations (CR-2.2, s.10) and years
 * are not numbers here; a service's parameters are named {@code <rule-set>.<parameter>}, and only the parameter's
 * own name counts. The parameters that the card's own rules read are asked first; only when none of them
 * is about the number are the rule set's other parameters asked.
 */
final class NumberClaims {
    private static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty");
    private static final Set<String> NOT_NAMING = Set.of("min", "max", "from", "above", "below", "limit", "window", "start", "end");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?\\+?");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final int AFTER = 4;
    private static final int BEFORE = 2;

    private NumberClaims() {
    }

    /**
     * What is wrong with {@code text}'s numbers, one message each. {@code own} are the parameters the card's rules
     * read, {@code all} every parameter of the rule set (or of the service's rule sets).
     */
    static List<String> contradictions(String text, Map<String, Parameters.Parameter> own, Map<String, Parameters.Parameter> all) {
        List<String> out = new ArrayList<>();
        String[] words = Arrays.stream(text.split("[\\s,;:()\"!?]+")).map(w -> w.replaceAll("\\.$", "")).toArray(String[]::new);
        for (int i = 0; i < words.length; i++) {
            Optional<Double> n = number(words[i]);
            if (n.isEmpty()) {
                continue;
            }
            List<Parameters.Parameter> about = about(words, i, own);
            if (about.isEmpty()) {
                about = about(words, i, all);
            }
            if (!about.isEmpty() && about.stream().noneMatch(p -> p.value() instanceof Number v && v.doubleValue() == n.get())) {
                out.add("'" + words[i] + "' contradicts " + String.join(", ", about.stream()
                        .map(p -> p.name() + " = " + Wording.format(p.value())).toList())
                        + " (write {{" + about.get(0).name() + "}} so the text follows the parameter)");
            }
        }
        return out;
    }

    private static List<Parameters.Parameter> about(String[] words, int at, Map<String, Parameters.Parameter> parameters) {
        List<Parameters.Parameter> out = new ArrayList<>();
        // by name, so a message lists them in the same order every run
        for (Parameters.Parameter p : parameters.values().stream().sorted(java.util.Comparator.comparing(Parameters.Parameter::name)).toList()) {
            if (!(p.value() instanceof Number)) {
                continue;
            }
            List<String> stems = Arrays.stream(p.name().substring(p.name().lastIndexOf('.') + 1).split("-")).filter(t -> t.length() >= 3 && !NOT_NAMING.contains(t))
                    .map(t -> t.endsWith("s") ? t.substring(0, t.length() - 1) : t).toList();
            for (int j = Math.max(0, at - BEFORE); j <= Math.min(words.length - 1, at + AFTER); j++) {
                String w = words[j].toLowerCase(Locale.ROOT);
                if (j != at && stems.stream().anyMatch(w::startsWith)) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }

    private static Optional<Double> number(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        int spelled = WORDS.indexOf(w);
        if (spelled > 0) {
            return Optional.of((double) spelled);
        }
        if (!NUMBER.matcher(w).matches() || YEAR.matcher(w).matches()) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(w.replace("+", "")));
    }
}
