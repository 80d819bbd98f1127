-- Serving-gate passes: a rule-set version whose inputs (every file the gate reads, the codes it checks against and the
-- engine build that checked it) hash to content_sha256 compiled, linted clean and passed its scenarios. Start-up serves
-- such a version without checking it again; a failure is never kept. Deleting rows forces the check at the next start.
CREATE TABLE serving_gate_pass (
    content_sha256 VARCHAR(64) PRIMARY KEY,
    rule_set VARCHAR(100) NOT NULL,
    version VARCHAR(50) NOT NULL,
    passed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
