package org.waymark.engine.facts;

import java.util.List;
import org.waymark.engine.facts.Evidence;

/** A fact derived by rules (such as a computed score) that can cite the entries it was derived from. */
public interface Evidential {
    List<Evidence> evidence();
}
