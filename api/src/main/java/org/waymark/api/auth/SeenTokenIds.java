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
 * <p>Rows are written by the store's writer thread ({@link GroupCommit}), which the server shares with the audit
 * trail: every jti and audit entry queued meanwhile goes into one transaction (group commit), as a durable commit of
 * the embedded H2 file costs far more than the rows. A batch that fails (a replay from another server or from
 * before a restart, or the store) is rolled back and each row retried alone: the one the primary key refuses is
 * the replay, any other failure refuses that token. The same jti
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

    private final GroupCommit writer;
    private final Rows rows = new Rows();

    /** Rows written by {@code writer}, shared with the audit trail. */
    public SeenTokenIds(GroupCommit writer) {
        this.writer = writer;
    }

    /** With a writer of its own. */
    public SeenTokenIds(Database database) {
        this(GroupCommit.forStore(database));
    }

    /** True the first time {@code issuer}'s {@code jti} is seen, once that is committed; false for a replay. */
    boolean firstUse(String issuer, String jti, Instant keepUntil, Instant now) {
        try {
            return writer.submit(rows, new Use(sha256(issuer + "\n" + jti), keepUntil, now));
        } catch (GroupCommit.NotStored e) {
            // Fail closed: without the replay check no token is accepted.
            String state = e.getCause() instanceof SQLException s ? " (" + s.getSQLState() + ")" : "";
            throw new IllegalStateException("the replay-protection store " + e.getMessage() + state, e);
        }
    }

    /** How the store's writer thread writes token ids. */
    private static final class Rows implements GroupCommit.Rows<Use, Boolean> {
        /** Uses written so far and the count at which expired rows are next deleted (writer thread only). */
        private long uses;
        private long nextPurge;

        /** The batch's first use of each key, in key order; a key used again in the batch is a replay at once. */
        @Override
        public void insert(Connection c, List<Pending<Use, Boolean>> batch) throws SQLException {
            SeenTokenIds.insert(c, firstUses(batch));
        }

        private static List<Pending<Use, Boolean>> firstUses(List<Pending<Use, Boolean>> batch) {
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
            return first;
        }

        /** Each use still pending is a first use (a replay in the batch was settled already: the first settlement counts). */
        @Override
        public void committed(Connection c, List<Pending<Use, Boolean>> batch) {
            batch.forEach(p -> p.done(true));
            purgeNowAndThen(c, batch);
        }

        @Override
        public void alone(Connection c, List<Pending<Use, Boolean>> batch) {
            List<Pending<Use, Boolean>> first = firstUses(batch);
            try {
                insertOneByOne(c, first);
            } catch (SQLException e) {
                // Not even a rollback: the uses not yet settled are not known to be recorded (first settlements count).
                first.forEach(p -> p.failed(e));
            }
            purgeNowAndThen(c, batch);
        }

        /** After the batch's callers are released, every 500 uses (and at the first batch). */
        private void purgeNowAndThen(Connection c, List<Pending<Use, Boolean>> batch) {
            uses += batch.size();
            if (uses >= nextPurge) {
                nextPurge = uses + PURGE_EVERY;
                purge(c, batch.stream().map(p -> p.item().now()).max(Comparator.naturalOrder()).orElseThrow());
            }
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

    /** Writes the token ids already queued, then stops the writer (the audit trail's too, when shared). */
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
