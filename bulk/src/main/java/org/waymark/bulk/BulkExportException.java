package org.waymark.bulk;

/** A Bulk Data export that cannot go on: the message says why, for the user, without a stack trace. */
public final class BulkExportException extends RuntimeException {
    public BulkExportException(String message) {
        super(message);
    }

    public BulkExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
