package org.waymark.cli.options;

import java.util.Optional;
import org.waymark.api.store.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --database-url}: the embedded store in the data folder, or another store by JDBC URL. */
public final class StoreOptions {
    @Mixin DataFolder data;

    @Option(names = "--database-url", defaultValue = "${env:WAYMARK_DATABASE_URL}", description = "JDBC URL of another store, e.g. jdbc:postgresql://host/db (env WAYMARK_DATABASE_URL).") String databaseUrl;

    public DataFolder data() {
        return data;
    }

    public Optional<String> databaseUrl() {
        return Optional.ofNullable(databaseUrl).filter(u -> !u.isBlank());
    }

    public Database open() {
        return databaseUrl().map(url -> Database.open(url, null, null)).orElseGet(() -> Database.embedded(data.path()));
    }
}
