package org.waymark.engine.evaluation;

/** A rule that fired during an evaluation, for replay output and the audit trail. */
public record FiredRule(String ruleSetId, String ruleSetVersion, String ruleId, String ruleName) {
}
