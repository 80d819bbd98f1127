package org.waymark.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer} for one test class, started before its first test and stopped after its last:
 * <pre>{@code
 * @RegisterExtension
 * static final TestServerExtension server = TestServerExtension.bundledRules();
 * ...
 * HttpResponse<String> r = server.post("/cds-services/proactive-care", body);
 * }</pre>
 * {@link #of} takes any other way of starting one (admin tokens, trusted clients, a database).
 */
public final class TestServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TestServer> starter;
    private TestServer server;

    private TestServerExtension(Supplier<TestServer> starter) {
        this.starter = starter;
    }

    /** The server on the repository's bundled rule sets and pathways. */
    public static TestServerExtension bundledRules() {
        return new TestServerExtension(TestServer::start);
    }

    public static TestServerExtension of(Supplier<TestServer> starter) {
        return new TestServerExtension(starter);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server; only between the class's first and last test. */
    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("the test server runs only while the test class runs");
        }
        return server;
    }

    public String url(String path) {
        return server().url(path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return server().get(path);
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return server().post(path, body);
    }

    public HttpResponse<String> admin(String method, String path, String token, String body) throws IOException, InterruptedException {
        return server().admin(method, path, token, body);
    }
}
