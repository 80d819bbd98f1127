package org.waymark.api.auth;

/**
 * Why a client's token was refused. {@link #label()} is stable (for metrics and log searches); the
 * description is for the audit trail and the log. Neither is ever sent to the caller.
 */
public enum RefusalReason {
    NO_BEARER_TOKEN("no bearer token"),
    MALFORMED("not a signed JWT"),
    ALGORITHM_NOT_ALLOWED("algorithm not allowed for this client"),
    MISSING_KID("no kid in the JWT header"),
    WRONG_TYP("typ in the JWT header is missing or not JWT"),
    UNTRUSTED_ISSUER("untrusted issuer"),
    JKU_NOT_ALLOWED("jku is not allowed for this issuer"),
    KEYS_UNAVAILABLE("cannot fetch keys from jku"),
    UNKNOWN_KID("no trusted key with that kid"),
    BAD_SIGNATURE("bad signature"),
    WRONG_AUDIENCE("audience is not this service"),
    MISSING_CLAIM("exp, iat or jti missing"),
    EXPIRED("expired"),
    ISSUED_IN_FUTURE("issued in the future"),
    LIFETIME_TOO_LONG("lifetime (exp - iat) longer than allowed"),
    REPLAYED("jti replayed");

    private final String description;

    RefusalReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Lower-case snake case, e.g. {@code bad_signature}; never changes for a reason. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
