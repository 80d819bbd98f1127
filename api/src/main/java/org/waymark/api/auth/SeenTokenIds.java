package org.waymark.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.Database;
import org.waymark.api.store.GroupCommit;
import org.waymark.api.store.GroupCommit.Pending;

/**
 * The jti of every accepted client token, in the store (table {@code seen_token_id}) until the token could no
 * longer be accepted, so a replay is refused after a restart too and across servers sharing one PostgreSQL store.
 * The primary key decides the first use; a token is accepted only once its row is committed, and refused when the
 * store cannot say (fail closed).
 *
 * <p>Rows are written like the audit trail's: one writer thread inserts every jti queued meanwhile in one
 * transaction (group commit), as a durable commit of the embedded H2 file costs far more than the row. A batch
 * that fails (a replay from another server or from before a restart, or the store) is rolled back and each row
 * retried alone: the one the primary key refuses is the replay, any other failure refuses that token. The same jti
 * twice in one batch is a replay without asking the store; keys are inserted in order, so batches of two servers
 * on one PostgreSQL store take their row locks in the same order and cannot deadlock. There is no in-memory set
 * of recent jtis in front: it would grow with the call rate times the token lifetime, to spare a round trip only
 * to a replay, which is rare and costs the store no more than a first use.
 */
public final class SeenTokenIds implements AutoCloseable {
    /** A token's key (SHA-256 of issuer and jti) and until when it must be kept. */
    private record Use(String key, Instant keepUntil, Instant now) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SeenTokenIds.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT = "INSERT INTO seen_token_id (token_key, keep_until) VALUES (?, ?)";
    private static final int PURGE_EVERY = 500;
    private static final int MAX_BATCH = 1000;
    private static final long COMMIT_WAIT_SECONDS = 10;

    private final Database database;
    private final GroupCommit<Use, Boolean> writer;
    /** Uses written so far and the count at which expired rows are next deleted (writer thread only). */
    private long uses;
    private long nextPurge;

    public SeenTokenIds(Database database) {
        this.database = database;
        this.writer = new GroupCommit<>("waymark-token-id-writer", MAX_BATCH, COMMIT_WAIT_SECONDS, this::write);
    }

    /** True the first time {@code issuer}'s {@code jti} is seen, once that is committed; false for a replay. */
    boolean firstUse(String issuer, String jti, Instant keepUntil, Instant now) {
        try {
            return writer.submit(new Use(sha256(issuer + "\n" + jti), keepUntil, now));
        } catch (GroupCommit.NotStored e) {
            // Fail closed: without the replay check no token is accepted.
            String state = e.getCause() instanceof SQLException s ? " (" + s.getSQLState() + ")" : "";
            throw new IllegalStateException("the replay-protection store " + e.getMessage() + state, e);
        }
    }

    private void write(List<Pending<Use, Boolean>> batch) {
        Set<String> keys = new HashSet<>();
        List<Pending<Use, Boolean>> first = new ArrayList<>();
        for (Pending<Use, Boolean> p : batch) {
            if (keys.add(p.item().key())) {
                first.add(p);
            } else {
                p.done(false);
            }
        }
        first.sort(Comparator.comparing(p -> p.item().key()));
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                insert(c, first);
                c.commit();
                first.forEach(p -> p.done(true));
            } catch (SQLException e) {
                c.rollback();
                insertOneByOne(c, first);
            }
            uses += batch.size();
            if (uses >= nextPurge) {
                nextPurge = uses + PURGE_EVERY;
                purge(c, batch.stream().map(p -> p.item().now()).max(Comparator.naturalOrder()).orElseThrow());
            }
        } catch (SQLException e) {
            // No connection, or not even a rollback: none of these tokens is known to be recorded.
            first.forEach(p -> p.failed(e));
        }
    }

    private static void insertOneByOne(Connection c, List<Pending<Use, Boolean>> uses) throws SQLException {
        for (Pending<Use, Boolean> p : uses) {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bind(insert, p.item());
                insert.executeUpdate();
                c.commit();
                p.done(true);
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    p.done(false);
                } else {
                    p.failed(e);
                }
            }
        }
    }

    private static void insert(Connection c, List<Pending<Use, Boolean>> uses) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Pending<Use, Boolean> p : uses) {
                bind(insert, p.item());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement insert, Use use) throws SQLException {
        insert.setString(1, use.key());
        insert.setTimestamp(2, Timestamp.from(use.keepUntil()));
    }

    /** Deletes the rows of tokens that could no longer be accepted anyway; a failure only keeps them longer. */
    private static void purge(Connection c, Instant now) {
        try (PreparedStatement purge = c.prepareStatement("DELETE FROM seen_token_id WHERE keep_until < ?")) {
            purge.setTimestamp(1, Timestamp.from(now));
            purge.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            LOG.warn("replay-protection store: expired token ids not deleted (SQLState {}); retried later", e.getSQLState());
        }
    }

    /** Writes the token ids already queued, then stops the writer. */
    @Override
    public void close() {
        writer.close();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
