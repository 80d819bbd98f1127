package org.waymark.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CDS clients Waymark trusts (spec §Trusting CDS Clients), from a YAML file:
 *
 * <pre>
 * clients:
 *   - iss: https://ehr.example.org        # the JWT's issuer
 *     jwks: keys/ehr-example.jwks.json      # its public keys, a JWK Set file (relative to this file), and/or
 *     jku: [https://ehr.example.org/.well-known/jwks.json]   # JWK Set URLs it may name in the jku header
 * </pre>
 */
public final class TrustedClients {
    /** One trusted issuer: its key file's keys and the jku URLs it may use. */
    public record Client(String issuer, Optional<JWKSet> keys, Set<URI> allowedJku) {
    }

    private final Map<String, Client> byIssuer;

    public TrustedClients(Map<String, Client> byIssuer) {
        this.byIssuer = Map.copyOf(byIssuer);
    }

    public static TrustedClients load(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        Map<String, Client> clients = new HashMap<>();
        List<String> problems = new ArrayList<>();
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
            List<URI> jku = new ArrayList<>();
            c.path("jku").forEach(u -> jku.add(URI.create(u.asText())));
            if (keys.isEmpty() && jku.isEmpty()) {
                problems.add(where + ": give jwks (a key file) or jku (allowed key URLs)");
            }
            clients.put(iss, new Client(iss, keys, Set.copyOf(jku)));
        }
        if (!problems.isEmpty()) {
            throw new IOException(String.join("\n", problems));
        }
        if (clients.isEmpty()) {
            throw new IOException(file + ": no clients listed");
        }
        return new TrustedClients(clients);
    }

    public Optional<Client> client(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }
}
