package org.waymark.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.waymark.fixtures.Folders;

/**
 * What the store tests share: the two stores a test runs on (an embedded H2 file, and PostgreSQL on 127.0.0.1:5432,
 * database test, in a fresh schema dropped afterwards), and a repository copy whose rules pass the serving gate.
 */
public final class TestStores {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

    private TestStores() {
    }

    /** Arguments (kind, JDBC URL) for an H2 file store and a PostgreSQL schema created for this call. */
    public static Stream<Arguments> h2AndPostgres() throws IOException, SQLException {
        Path h2 = Folders.temporary("waymark-store-h2");
        String schema = "waymark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return Stream.of(Arguments.of("h2", "jdbc:h2:file:" + h2.resolve("waymark")),
                Arguments.of("postgresql", PG + "?user=postgres&currentSchema=" + schema));
    }

    /** Drops the PostgreSQL schemas {@link #h2AndPostgres} created. */
    public static void dropSchemas() throws SQLException {
        try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
            for (String schema : SCHEMAS) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        SCHEMAS.clear();
    }

    /** Copies the repository's rules into {@code repo} with the code lists and recommendation codes lint checks them against. */
    public static void copyRules(Path repo) throws IOException {
        Folders.copy(TestServer.rules(), repo.resolve("rules"));
        Folders.copy(TestServer.rules().resolveSibling("codelists"), repo.resolve("codelists"));
        Files.createDirectories(repo.resolve("docs"));
        Files.copy(TestServer.rules().resolveSibling("docs").resolve("recommendations.md"), repo.resolve("docs/recommendations.md"));
    }
}
