-- The sign-off of a rule-set version: who submitted it for review (after it passed compile, lint and scenarios) with the
-- clinical-safety evidence pack generated then, and which clinical safety officer approved that pack (by its SHA-256).
-- A version without a row is a draft; a row without approved_by is submitted; with it, reviewed.
CREATE TABLE version_review (
    rule_set VARCHAR(100) NOT NULL,
    version VARCHAR(50) NOT NULL,
    submitted_by VARCHAR(100) NOT NULL,
    submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    evidence VARCHAR(1000000) NOT NULL,
    evidence_sha256 VARCHAR(64) NOT NULL,
    approved_by VARCHAR(100),
    approved_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (rule_set, version)
);
