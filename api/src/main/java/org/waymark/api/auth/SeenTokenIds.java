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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.waymark.api.store.BatchRows;
import org.waymark.api.store.GroupCommit;
import org.waymark.api.store.StoreWriter;

/**
 * The jti of every accepted client token, in the store (table {@code seen_token_id}) until the token could no
 * longer be accepted, so a replay is refused after a restart too and across servers sharing one PostgreSQL store.
 * The stored row decides the first use (and the primary key, between uses on two servers at once); a token is accepted
 * only once its row is committed, and refused when the store cannot say (fail closed).
 *
 * <p>Rows are committed by the store's one writer ({@link StoreWriter}) with every other row queued meanwhile (group
 * commit), as a durable commit of the embedded H2 file costs far more than the row. A key already stored (a replay from
 * before a restart, from another server, or of an earlier call) inserts nothing and is refused by its count, without
 * failing the batch. A batch that fails anyway (two servers inserting one new key at once, or the store) is rolled back
 * and each row retried alone: the one the primary key refuses is the replay, any other failure refuses that token. The
 * same jti twice in one batch is a replay without asking the store; keys are inserted in order, so batches of two
 * servers on one PostgreSQL store take their row locks in the same order and cannot deadlock. There is no in-memory set
 * of recent jtis in front: it would grow with the call rate times the token lifetime, to spare a round trip only to a
 * replay, which is rare and costs the store no more than a first use.
 */
public final class SeenTokenIds {
    /** A token's key (SHA-256 of issuer and jti) and until when it must be kept. */
    private record Use(String key, Instant keepUntil, Instant now) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SeenTokenIds.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERT = "INSERT INTO seen_token_id (token_key, keep_until) VALUES (?, ?)";
    /**
     * A batch's insert: a key already stored inserts nothing (a replay, told by its count) rather than failing the
     * store writer's shared transaction, which would send every row of the batch, audit entries too, to be written alone.
     * Two servers inserting one new key at once still meet the primary key, and the batch is then written alone.
     */
    private static final String INSERT_IF_NEW = "INSERT INTO seen_token_id (token_key, keep_until) SELECT CAST(? AS VARCHAR(64)), "
            + "CAST(? AS TIMESTAMP WITH TIME ZONE) WHERE NOT EXISTS (SELECT 1 FROM seen_token_id WHERE token_key = ?)";
    private static final int PURGE_EVERY = 500;

    private final StoreWriter writer;
    private final Rows rows = new Rows();

    public SeenTokenIds(StoreWriter writer) {
        this.writer = writer;
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

    /** A token's row; the outcome is whether it was the first use. Expired rows are deleted every few hundred uses. */
    private static final class Rows implements BatchRows<Use, Boolean> {
        /** Uses written so far, the count at which expired rows are next deleted, and the latest "now" (writer thread only). */
        private long uses;
        private long nextPurge;
        private Instant latest = Instant.EPOCH;

        @Override
        public List<Boolean> insert(Connection c, List<Use> batch) throws SQLException {
            Map<String, Use> firstOfEachKey = new HashMap<>();
            for (Use use : batch) {
                seen(use);
                firstOfEachKey.putIfAbsent(use.key(), use);
            }
            List<Use> toInsert = new ArrayList<>(firstOfEachKey.values());
            toInsert.sort(Comparator.comparing(Use::key));
            Set<String> inserted = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement(INSERT_IF_NEW)) {
                for (Use use : toInsert) {
                    bind(insert, use);
                    insert.setString(3, use.key());
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                for (int i = 0; i < toInsert.size(); i++) {
                    if (counts[i] != 0 && counts[i] != 1) {
                        // A driver that does not count each row (SUCCESS_NO_INFO) cannot tell a replay: each is written alone.
                        throw new SQLException("no row count for a token id (" + counts[i] + ")");
                    }
                    if (counts[i] == 1) {
                        inserted.add(toInsert.get(i).key());
                    }
                }
            }
            // Only a key's first use in the batch can be its first use; a later one replays it.
            Set<String> answered = new HashSet<>();
            return batch.stream().map(use -> answered.add(use.key()) && inserted.contains(use.key())).toList();
        }

        @Override
        public Boolean alone(Connection c, Use use) throws SQLException {
            seen(use);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bind(insert, use);
                insert.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }

        private void seen(Use use) {
            if (use.now().isAfter(latest)) {
                latest = use.now();
            }
        }

        @Override
        public void settled(Connection c, int written) {
            uses += written;
            if (uses >= nextPurge) {
                nextPurge = uses + PURGE_EVERY;
                purge(c, latest);
            }
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

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
