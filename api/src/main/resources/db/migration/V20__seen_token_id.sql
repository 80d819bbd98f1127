-- Client JWTs already used (CDS Hooks jti replay protection), kept until the token could no longer be
-- accepted anyway. token_key is SHA-256 of issuer and jti, so neither is stored as sent.
CREATE TABLE seen_token_id (
    token_key VARCHAR(64) PRIMARY KEY,
    keep_until TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX seen_token_id_by_keep_until ON seen_token_id (keep_until);
