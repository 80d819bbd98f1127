package org.waymark.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.waymark.api.net.OutboundHttp;

/**
 * The CDS clients Waymark trusts (spec §Trusting CDS Clients), from a YAML file:
 *
 * <pre>
 * maxTokenLifetime: PT5M                 # longest exp - iat accepted (default 5 minutes)
 * jwksTimeout: PT3S                       # connect and read timeout of a jku fetch (default 3 s)
 * jwksCoolDown: PT1M                      # per client and jku: no refetch for an unknown kid sooner (default 1 min)
 * clients:
 *   - iss: https://ehr.example.org        # the JWT's issuer
 *     jwks: keys/ehr-example.jwks.json      # its public keys, a JWK Set file (relative to this file), and/or
 *     jku: [https://ehr.example.org/.well-known/jwks.json]   # JWK Set URLs it may name in the jku header
 *     algorithms: [ES384, RS384]            # optional; ES256 and RS256 may be added here, nothing else
 *     fhirServers: [https://fhir.ehr.example.org/r4]          # FHIR base URLs Waymark may query for it
 * </pre>
 *
 * URLs must be https; plain http only when {@code allowHttp} (development mode).
 */
public final class TrustedClients {
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final Set<JWSAlgorithm> CONFIGURABLE = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    /** One trusted issuer: its key file's keys, the jku URLs it may use, its algorithms and its FHIR servers. */
    public record Client(String issuer, Optional<JWKSet> keys, Set<URI> allowedJku, Set<JWSAlgorithm> algorithms, Set<URI> fhirServers) {
        public Client {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(keys, "keys");
            allowedJku = Set.copyOf(allowedJku);
            algorithms = Set.copyOf(algorithms);
            if (algorithms.isEmpty() || !CONFIGURABLE.containsAll(algorithms)) {
                throw new IllegalArgumentException("algorithms must be among ES384, RS384, ES256, RS256");
            }
            fhirServers = Set.copyOf(fhirServers.stream().map(TrustedClients::base).toList());
        }

        /** A client with the default algorithms and no FHIR servers. */
        public Client(String issuer, Optional<JWKSet> keys, Set<URI> allowedJku) {
            this(issuer, keys, allowedJku, DEFAULT_ALGORITHMS, Set.of());
        }

        /** Whether Waymark may query {@code fhirServer} (the request's base URL) for this client. */
        public boolean allowsFhirServer(URI fhirServer) {
            return fhirServers.contains(base(fhirServer));
        }
    }

    /** File-wide limits: token lifetime, and how jku key sets are fetched. */
    public record Limits(Duration maxTokenLifetime, Duration jwksTimeout, Duration jwksCoolDown) {
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(5), Duration.ofSeconds(3), Duration.ofMinutes(1));

        public Limits {
            for (Duration d : List.of(maxTokenLifetime, jwksTimeout, jwksCoolDown)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive");
                }
            }
        }
    }

    private final Map<String, Client> byIssuer;
    private final Limits limits;

    public TrustedClients(Map<String, Client> byIssuer, Limits limits) {
        this.byIssuer = Map.copyOf(byIssuer);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static TrustedClients load(Path file, boolean allowHttp) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        Map<String, Client> clients = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Limits limits = limits(root, file, problems);
        int i = 0;
        for (JsonNode c : root.path("clients")) {
            String where = file + ": clients[" + i++ + "]";
            String iss = c.path("iss").asText("");
            if (iss.isBlank()) {
                problems.add(where + ".iss: required");
                continue;
            }
            Optional<JWKSet> keys = Optional.empty();
            if (c.hasNonNull("jwks")) {
                Path jwks = file.toAbsolutePath().getParent().resolve(c.get("jwks").asText());
                try {
                    keys = Optional.of(JWKSet.load(jwks.toFile()));
                } catch (IOException | ParseException e) {
                    problems.add(where + ".jwks: cannot read a JWK Set from " + jwks + ": " + e.getMessage());
                }
            }
            Set<URI> jku = urls(c.path("jku"), where + ".jku", allowHttp, problems);
            Set<URI> fhirServers = urls(c.path("fhirServers"), where + ".fhirServers", allowHttp, problems);
            if (keys.isEmpty() && jku.isEmpty()) {
                problems.add(where + ": give jwks (a key file) or jku (allowed key URLs)");
            }
            Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
            c.path("algorithms").forEach(a -> algorithms.add(JWSAlgorithm.parse(a.asText())));
            if (!CONFIGURABLE.containsAll(algorithms)) {
                problems.add(where + ".algorithms: only ES384, RS384, ES256 and RS256 may be listed");
                continue;
            }
            clients.put(iss, new Client(iss, keys, jku, algorithms.isEmpty() ? DEFAULT_ALGORITHMS : algorithms, fhirServers));
        }
        if (!problems.isEmpty()) {
            throw new IOException(String.join("\n", problems));
        }
        if (clients.isEmpty()) {
            throw new IOException(file + ": no clients listed");
        }
        return new TrustedClients(clients, limits);
    }

    private static Limits limits(JsonNode root, Path file, List<String> problems) {
        try {
            Limits d = Limits.DEFAULT;
            return new Limits(duration(root, "maxTokenLifetime", d.maxTokenLifetime()), duration(root, "jwksTimeout", d.jwksTimeout()),
                    duration(root, "jwksCoolDown", d.jwksCoolDown()));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            problems.add(file + ": maxTokenLifetime, jwksTimeout and jwksCoolDown must be positive ISO-8601 durations such as PT5M");
            return Limits.DEFAULT;
        }
    }

    private static Duration duration(JsonNode root, String field, Duration fallback) {
        return root.hasNonNull(field) ? Duration.parse(root.get(field).asText()) : fallback;
    }

    private static Set<URI> urls(JsonNode list, String where, boolean allowHttp, List<String> problems) {
        Set<URI> out = new LinkedHashSet<>();
        for (JsonNode u : list) {
            try {
                URI url = new URI(u.asText());
                String problem = OutboundHttp.problem(url, allowHttp);
                if (problem != null) {
                    problems.add(where + ": " + u.asText() + " " + problem);
                } else {
                    out.add(url);
                }
            } catch (java.net.URISyntaxException e) {
                problems.add(where + ": " + u.asText() + " is not a URL");
            }
        }
        return out;
    }

    /** A FHIR base URL as compared: exactly as written, without trailing slashes. */
    static URI base(URI url) {
        return URI.create(url.toString().replaceAll("/+$", ""));
    }

    public Optional<Client> client(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }

    public Limits limits() {
        return limits;
    }
}
