package org.waymark.api.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.waymark.engine.privacy.PrivateFiles;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waymark's store: an embedded H2 file database by default (no setup), or PostgreSQL given a
 * {@code jdbc:postgresql:} URL. Flyway migrates the schema from {@code db/migration} on open.
 * Migration numbers: V1-V9 audit and feedback, V10-V19 rule-set activation and shadow evaluation, V20 client authentication, V21 version review (sign-off).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DataSource dataSource;
    private final String kind;

    private Database(DataSource dataSource, String kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** The default embedded database, a file under {@code dataDir}; the folder is 0700 and the database files 0600. */
    public static Database embedded(Path dataDir) {
        try {
            PrivateFiles.folder(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data folder " + dataDir, e);
        }
        Database database = open("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("waymark") + ";AUTO_SERVER=FALSE", null, null);
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("waymark.")).toList()) {
                PrivateFiles.restrict(file);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot restrict the database files in " + dataDir + " to their owner", e);
        }
        return database;
    }

    /** Opens and migrates the database at {@code jdbcUrl} (H2 or PostgreSQL). */
    public static Database open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        DataSource ds;
        String kind;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(jdbcUrl);
            if (user != null) {
                pg.setUser(user);
            }
            if (password != null) {
                pg.setPassword(password);
            }
            ds = pg;
            kind = "postgresql";
        } else if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            // H2's trace file would keep SQL and parameter values (request content) on disk: off unless asked for.
            String url = durable(jdbcUrl);
            h2.setURL(url.toUpperCase(java.util.Locale.ROOT).contains("TRACE_LEVEL_FILE=") ? url : url + ";TRACE_LEVEL_FILE=0");
            h2.setUser(user == null ? "sa" : user);
            h2.setPassword(password == null ? "" : password);
            ds = h2;
            kind = "h2";
        } else {
            throw new IllegalArgumentException("unsupported database URL (expected jdbc:h2: or jdbc:postgresql:)");
        }
        // Opening a connection per audit write costs milliseconds (an embedded H2 file most of all); pool them.
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(8);
        config.setPoolName("waymark-store");
        // A store that cannot give a connection soon is down: calls are refused (503) rather than queued for long.
        config.setConnectionTimeout(5_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            // Through the pool, whose open connection keeps an embedded H2 database open: migrating on the bare data
            // source closed it with Flyway's last connection, and the pool then opened the file a second time.
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
        LOG.info("store ready ({})", kind);
        return new Database(pool, kind);
    }

    /**
     * H2 settings for an audit store: every commit is written to the file at once (WRITE_DELAY=0; H2's default
     * of 500 ms lost committed rows when the process was killed), and the database is closed by Waymark after
     * it has flushed the audit trail, not by H2's own shutdown hook while calls are still finishing.
     */
    static String durable(String h2Url) {
        String upper = h2Url.toUpperCase(java.util.Locale.ROOT);
        String url = h2Url;
        if (!upper.contains(";WRITE_DELAY=")) {
            url += ";WRITE_DELAY=0";
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            url += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    /** Closes the connection pool (the embedded H2 database closes with its last connection). */
    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** "h2" or "postgresql". */
    public String kind() {
        return kind;
    }
}
