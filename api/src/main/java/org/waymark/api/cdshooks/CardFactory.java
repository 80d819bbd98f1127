package org.waymark.api.cdshooks;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.waymark.engine.evaluation.Recommendation;
import org.waymark.engine.ruleset.Suggestion;
import org.waymark.engine.facts.Evidence;
import org.waymark.engine.time.EvaluationTime;

/**
 * Turns a recommendation into a CDS Hooks 2.0 card. The card names its provenance twice: for people in
 * the markdown detail, and for machines in {@code source.topic} (the recommendation code) and the
 * {@value #PROVENANCE} extension (rule set, version, rules, sources and evidence references).
 */
public final class CardFactory {
    public static final String RECOMMENDATION_SYSTEM = "https://waymark.example/fhir/CodeSystem/recommendation";
    public static final String OVERRIDE_SYSTEM = "https://waymark.example/fhir/CodeSystem/override-reason";
    public static final String PROVENANCE = "org.waymark.provenance";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final List<Coding> OVERRIDE_REASONS = List.of(
            new Coding(OVERRIDE_SYSTEM, "already-addressed", "Already addressed or recorded elsewhere"),
            new Coding(OVERRIDE_SYSTEM, "not-appropriate", "Not appropriate for this patient"),
            new Coding(OVERRIDE_SYSTEM, "patient-declined", "Patient declined"));

    private final Supplier<UUID> uuids;

    public CardFactory(Supplier<UUID> uuids) {
        this.uuids = uuids;
    }

    public Card card(Recommendation r) {
        List<CardSuggestion> suggestions = r.suggestions().stream().map(this::suggestion).toList();
        return new Card(uuids.get().toString(), r.summary(), r.indicator().code(), detail(r),
                new Card.Source("Waymark " + r.ruleSetId() + " " + r.ruleSetVersion(), new Coding(RECOMMENDATION_SYSTEM, r.code(), r.title())),
                suggestions, suggestions.isEmpty() ? null : "at-most-one", OVERRIDE_REASONS, List.of(), Map.of(PROVENANCE, provenance(r)));
    }

    private CardSuggestion suggestion(Suggestion s) {
        return new CardSuggestion(s.label(), uuids.get().toString(), s.actions().stream()
                .map(a -> new CardSuggestion.Action(a.type(), a.description(), a.resource().orElse(null))).toList());
    }

    private static Provenance provenance(Recommendation r) {
        return new Provenance(r.ruleSetId(), r.ruleSetVersion(), r.ruleId(), r.ruleIds(), r.sources(),
                r.evidence().stream().map(Evidence::reference).toList());
    }

    static String detail(Recommendation r) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(r.title()).append("**\n\n");
        if (!r.rationale().isBlank()) {
            md.append("**Why:** ").append(r.rationale()).append("\n\n");
        }
        if (!r.detail().isBlank()) {
            md.append(r.detail().strip()).append("\n\n");
        }
        if (!r.evidence().isEmpty()) {
            md.append("**Evidence from the record:**\n\n");
            for (Evidence e : r.evidence()) {
                md.append("- ").append(e.description().isBlank() ? e.reference() : e.description());
                e.at().ifPresent(at -> md.append(" (").append(DAY.format(at.atZone(EvaluationTime.ZONE))).append(")"));
                md.append(" — `").append(e.reference()).append("`\n");
            }
            md.append('\n');
        }
        if (!r.checkedAbsent().isEmpty()) {
            md.append("**Checked and not recorded:**\n\n");
            r.checkedAbsent().forEach(c -> md.append("- ").append(c).append('\n'));
            md.append('\n');
        }
        md.append("*Rule set ").append(r.ruleSetId()).append(' ').append(r.ruleSetVersion())
                .append(", rule ").append(String.join(", ", r.ruleIds()));
        if (!r.sources().isEmpty()) {
            md.append("; implements ").append(String.join(", ", r.sources()));
        }
        md.append(".*");
        return md.toString();
    }
}
