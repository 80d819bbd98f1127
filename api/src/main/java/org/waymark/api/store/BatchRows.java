package org.waymark.api.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One kind of row the {@link StoreWriter} commits: the rows of a batch inside its shared transaction, or, after that
 * transaction failed and was rolled back, each item alone, so that one bad row is told apart from the rest.
 *
 * @param <T> what a caller submits
 * @param <R> the outcome the caller gets back once it is stored
 */
public interface BatchRows<T, R> {
    /**
     * Writes the rows of {@code items} in the writer's open transaction {@code c}, without committing, and gives each
     * item's outcome (in order) for once the transaction commits. A failure rolls back the whole batch.
     */
    List<R> insert(Connection c, List<T> items) throws SQLException;

    /**
     * After a failed batch: writes {@code item} alone on {@code c} (no transaction open) and commits it, giving its
     * outcome; an exception refuses that item only.
     */
    R alone(Connection c, T item) throws SQLException;

    /** After a batch holding {@code written} of these items was settled (writer thread): housekeeping, such as deleting expired rows. */
    default void settled(Connection c, int written) {
    }
}
