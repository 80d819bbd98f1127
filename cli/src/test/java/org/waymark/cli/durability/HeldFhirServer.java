package org.waymark.cli.durability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A FHIR server that holds every request until released: a CDS call that fetches from it is provably in flight
 * (the first fetch has arrived) for as long as the test wants. Once released it answers a bare Patient for a read
 * and an empty searchset for a search.
 */
final class HeldFhirServer implements AutoCloseable {
    private final HttpServer http;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HeldFhirServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/fhir/", exchange -> {
            arrived.countDown();
            try {
                released.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String body = path.length == 4 && path[2].equals("Patient") ? "{\"resourceType\":\"Patient\",\"id\":\"" + path[3] + "\"}"
                    : "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/fhir";
    }

    boolean awaitFirstFetch(long seconds) throws InterruptedException {
        return arrived.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        http.stop(0);
    }
}
