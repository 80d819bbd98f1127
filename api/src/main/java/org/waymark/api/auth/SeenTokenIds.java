package org.waymark.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.waymark.api.store.Database;

/**
 * The jti of every accepted client token, in the store (table {@code seen_token_id}) until the token
 * could no longer be accepted, so a replay is refused after a restart too and across servers sharing
 * one PostgreSQL store. The primary key makes "first use" atomic.
 */
public final class SeenTokenIds {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int PURGE_EVERY = 500;

    private final Database database;
    private final AtomicLong inserts = new AtomicLong();

    public SeenTokenIds(Database database) {
        this.database = database;
    }

    /** True the first time {@code issuer}'s {@code jti} is seen; false for a replay. */
    boolean firstUse(String issuer, String jti, Instant keepUntil, Instant now) {
        try (Connection c = database.connection()) {
            if (inserts.incrementAndGet() % PURGE_EVERY == 1) {
                try (PreparedStatement purge = c.prepareStatement("DELETE FROM seen_token_id WHERE keep_until < ?")) {
                    purge.setTimestamp(1, Timestamp.from(now));
                    purge.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO seen_token_id (token_key, keep_until) VALUES (?, ?)")) {
                insert.setString(1, sha256(issuer + "\n" + jti));
                insert.setTimestamp(2, Timestamp.from(keepUntil));
                insert.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            // Fail closed: without the replay check no token is accepted.
            throw new IllegalStateException("the replay-protection store is unavailable (" + e.getSQLState() + ")", e);
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
