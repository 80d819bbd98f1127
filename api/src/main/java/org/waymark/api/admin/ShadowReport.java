package org.waymark.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /admin/rule-sets/{id}/shadow}: the stored differences and, per code, in how many calls the candidate gained or lost it. */
record ShadowReport(String ruleSet, String shadowVersion, int differences,
                    @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Counts> perCode,
                    @JsonInclude(JsonInclude.Include.ALWAYS) List<ShadowEvaluation.Difference> calls) {
    /** Calls in which the candidate added ({@code gained}) or removed ({@code lost}) one code. */
    record Counts(int gained, int lost) {
        Counts plus(Counts other) {
            return new Counts(gained + other.gained, lost + other.lost);
        }
    }

    static Map<String, Counts> perCode(List<ShadowEvaluation.Difference> calls) {
        Map<String, Counts> out = new TreeMap<>();
        for (ShadowEvaluation.Difference d : calls) {
            d.gained().forEach(c -> out.merge(c, new Counts(1, 0), Counts::plus));
            d.lost().forEach(c -> out.merge(c, new Counts(0, 1), Counts::plus));
        }
        return out;
    }
}
