package org.waymark.engine.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.waymark.engine.ruleset.RuleMetadata;

/**
 * What one shared definition did for one patient as of one instant: each rule firing, in order, with the facts its
 * consequence inserted. Evaluated once and handed to every rule set that uses the definition.
 */
record SharedFirings(List<Firing> firings) {
    SharedFirings {
        firings = List.copyOf(firings);
    }

    /** One firing: the rule, its salience and load order (what the agenda orders rules by), and the facts it derived. */
    record Firing(RuleMetadata rule, int salience, int loadOrder, List<Object> inserted) {
        Firing {
            inserted = List.copyOf(inserted);
        }
    }

    /**
     * The firings of the definitions a rule set uses ({@code used} in the order their folders sort), in the order one
     * session compiling all of them in fired them, as before the definitions were evaluated apart, so the fired-rule
     * provenance is unchanged: Drools' agenda fires the highest salience first, then the rule loaded first in its
     * package, then the rule compiled first, and Drools compiles DRL files in path order. No definition matches another's
     * facts, so each keeps its own order and a merge of the sequences gives the whole.
     */
    static List<Firing> inAgendaOrder(List<SharedFirings> used) {
        if (used.size() == 1) {
            return used.get(0).firings();
        }
        List<Firing> out = new ArrayList<>();
        int[] next = new int[used.size()];
        while (true) {
            int pick = -1;
            for (int d = 0; d < used.size(); d++) {
                List<Firing> f = used.get(d).firings();
                if (next[d] < f.size() && (pick < 0 || before(f.get(next[d]), used.get(pick).firings().get(next[pick])))) {
                    pick = d;
                }
            }
            if (pick < 0) {
                return out;
            }
            out.add(used.get(pick).firings().get(next[pick]++));
        }
    }

    /** Whether the agenda takes {@code a} before {@code b}, whose definition's folder sorts before {@code a}'s. */
    private static boolean before(Firing a, Firing b) {
        return a.salience() != b.salience() ? a.salience() > b.salience() : a.loadOrder() < b.loadOrder();
    }
}
