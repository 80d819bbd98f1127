package org.waymark.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.waymark.api.http.Json;
import org.waymark.cli.options.AdminConnection;
import org.waymark.cli.options.OutputFormat;
import org.waymark.cli.options.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code waymark audit list}: audit events of a running server, newest first, as a table or (--json) as the API's JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Audit events of a running server by time range, service, outcome and reason (admin API; the server keeps serving).")
final class AuditList implements Callable<Integer> {
    @Mixin AdminConnection connection;

    @Mixin TimeRange range;

    @Option(names = "--service", description = "Only this CDS service id.") String service;

    @Option(names = "--outcome", description = "Only this outcome: ok, 4xx, 412 or error.") String outcome;

    @Option(names = "--reason", description = "Only events whose reason contains this text (case-insensitive).") String reason;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many events, newest first (default ${DEFAULT-VALUE}).") int limit;

    @Mixin OutputFormat format;

    @Override
    public Integer call() throws Exception {
        List<String> query = new ArrayList<>();
        add(query, "from", range.from().map(Instant::toString).orElse(null));
        add(query, "to", range.to().map(Instant::toString).orElse(null));
        add(query, "service", service);
        add(query, "outcome", outcome);
        add(query, "reason", reason);
        add(query, "limit", Integer.toString(limit));
        HttpResponse<String> response = connection.send("GET", "/admin/audit?" + String.join("&", query), null,
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || format.json()) {
            System.out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        }
        String row = "%-24s %-22s %-7s %6s %8s  %-36s  %s%n";
        System.out.printf(Locale.ROOT, row, "at", "service", "outcome", "status", "ms", "hookInstance", "reason");
        for (JsonNode e : Json.MAPPER.readTree(response.body()).path("events")) {
            System.out.printf(Locale.ROOT, row, e.path("at").asText(), e.path("service").asText("-"), e.path("outcome").asText(),
                    e.path("status").asText(), e.path("latencyMs").asText(), e.path("hookInstance").asText("-"), e.path("reason").asText("-"));
        }
        return 0;
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
