package org.waymark.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store test run once on each store ({@link TestStores#h2AndPostgres}: kind and JDBC URL as its first two
 * arguments); the PostgreSQL schemas it created are dropped after the test class.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("org.waymark.api.TestStores#h2AndPostgres")
@ExtendWith(OnEachStore.DropSchemas.class)
public @interface OnEachStore {
    /** Drops the schemas after the class. */
    final class DropSchemas implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            TestStores.dropSchemas();
        }
    }
}
