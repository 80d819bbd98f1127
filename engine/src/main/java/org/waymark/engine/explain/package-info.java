/**
 * Why / why not: for a record, an as-of instant and rule-set versions, which rules fired and, per rule, each top-level
 * condition met or not with the values seen, near misses against numeric thresholds, and the entries that suppressed a
 * {@code not}. Generic: the rule set's own DRL is parsed into Drools descriptors and every condition becomes a "probe"
 * rule compiled, once per version, into a separate KieBase beside the original rules; normal evaluation never sees it.
 */
package org.waymark.engine.explain;
