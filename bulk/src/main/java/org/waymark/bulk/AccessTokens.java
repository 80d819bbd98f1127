package org.waymark.bulk;

/** Where the export's bearer token comes from; it lives only in memory and is never logged or written. */
public interface AccessTokens {
    /** A token valid now, fetched or renewed when needed. */
    String token();

    /** The server refused the current token (401): the next {@link #token()} fetches a new one. */
    void expire();
}
