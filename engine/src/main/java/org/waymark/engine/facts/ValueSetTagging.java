package org.waymark.engine.facts;

import java.util.Set;

/**
 * Copies an entry with other value-set memberships. One place for every entry type, because the copy is the
 * same for each (all components kept, memberships replaced); the sealed {@link RecordEntry} lists them all.
 */
final class ValueSetTagging {
    private ValueSetTagging() {
    }

    static RecordEntry tagged(RecordEntry e, Set<String> vs) {
        if (e instanceof Observation o) {
            return new Observation(o.reference(), o.codes(), vs, o.at(), o.dateOnly(), o.value(), o.unit());
        } else if (e instanceof Condition c) {
            return new Condition(c.reference(), c.codes(), vs, c.at(), c.dateOnly(), c.clinicalStatus());
        } else if (e instanceof Procedure p) {
            return new Procedure(p.reference(), p.codes(), vs, p.at(), p.dateOnly());
        } else if (e instanceof Encounter n) {
            return new Encounter(n.reference(), n.codes(), vs, n.at(), n.dateOnly(), n.end(), n.classCode(), n.emergency());
        } else if (e instanceof Immunization i) {
            return new Immunization(i.reference(), i.codes(), vs, i.at(), i.dateOnly());
        } else if (e instanceof Medication m) {
            return new Medication(m.reference(), m.codes(), vs, m.at(), m.dateOnly(), m.repeat());
        } else if (e instanceof Flag f) {
            return new Flag(f.reference(), f.codes(), vs, f.at(), f.dateOnly());
        } else if (e instanceof Referral r) {
            return new Referral(r.reference(), r.codes(), vs, r.at(), r.dateOnly(), r.status(), r.priority());
        } else if (e instanceof CarePlan c) {
            return new CarePlan(c.reference(), c.codes(), vs, c.at(), c.dateOnly(), c.status());
        }
        throw new IllegalStateException("unreachable: RecordEntry is sealed");
    }
}
