package org.waymark.cli.options;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options and HTTP call shared by the commands that work through a running server's admin API. The admin
 * token is read from the environment (WAYMARK_ADMIN_TOKEN) or a file, never from an argument, so it stays out of
 * shell history.
 */
public final class AdminConnection {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--server", defaultValue = "${env:WAYMARK_SERVER:-http://localhost:8080}", description = "Waymark server (default ${DEFAULT-VALUE}).") String server;

    @Option(names = "--token-file", description = "Read the admin token from this file instead of WAYMARK_ADMIN_TOKEN.") Path tokenFile;

    /** Sends an admin call; no token configured is a usage error (exit 2). */
    public <T> HttpResponse<T> send(String method, String pathAndQuery, String body, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        String token = tokenFile != null ? Files.readString(tokenFile).strip() : System.getenv("WAYMARK_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new ParameterException(spec.commandLine(), "set WAYMARK_ADMIN_TOKEN (or --token-file) to your admin token");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + pathAndQuery)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, handler);
    }

    /** Sends an admin call and prints the response body; exit 0 on a 2xx answer, 1 otherwise. */
    public int print(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, pathAndQuery, body, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }
}
