package org.waymark.api.http;

/**
 * Request values that Waymark stores (hookInstance, feedback fields) are checked at the edge: a NUL character
 * (which PostgreSQL refuses in text) or a value longer than its column is a 400 naming the field, so no
 * answered call or acknowledged feedback can carry a value the store would refuse.
 */
public final class StoredFields {
    private StoredFields() {
    }

    /** {@code value}, when it has no NUL and at most {@code maxLength} characters; otherwise a 400 naming {@code field}. */
    public static String check(String value, String field, int maxLength) {
        if (value.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest("'" + field + "' must not contain NUL (U+0000) characters", field);
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest("'" + field + "' is longer than " + maxLength + " characters", field);
        }
        return value;
    }
}
