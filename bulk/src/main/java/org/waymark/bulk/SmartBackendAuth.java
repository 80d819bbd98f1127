package org.waymark.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * SMART Backend Services authorisation: a client-credentials grant whose client assertion is a JWT signed with the
 * client's private key ({@code private_key_jwt}, RS384 for an RSA key, ES384 for a P-384 EC key). The access token
 * is kept in memory only and fetched again shortly before it expires.
 */
public final class SmartBackendAuth implements AccessTokens {
    /** Posts a form to the token endpoint; a seam so the token life cycle can be tested without a server. */
    public interface TokenEndpoint {
        Response post(URI url, String form) throws InterruptedException;

        record Response(int status, String body) {
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Renew this long before the server's expiry, so no call goes out with a token about to lapse. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);

    /** Who the client is to the authorisation server, checked once: a client id, its private key, where and what to ask. */
    private record Client(String id, JWK key, URI tokenUrl, String scope) {
        Client {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a client id is needed for SMART Backend Services");
            }
            if (!key.isPrivate()) {
                throw new IllegalArgumentException("the key must be a private key (JWK with its private part)");
            }
            algorithm(key);
        }
    }

    private final Client client;
    private final Clock clock;
    private final TokenEndpoint endpoint;
    private String token;
    private Instant renewAt = Instant.MIN;

    public SmartBackendAuth(String clientId, JWK key, URI tokenUrl, String scope, Clock clock, TokenEndpoint endpoint) {
        this.client = new Client(clientId, key, tokenUrl, scope);
        this.clock = clock;
        this.endpoint = endpoint;
    }

    /** Reads a private key from a JWK or JWK Set file (the first private key in a set). */
    public static JWK readKey(Path file) {
        try {
            String text = Files.readString(file);
            JsonNode root = JSON.readTree(text);
            if (root != null && root.has("keys")) {
                return JWKSet.parse(text).getKeys().stream().filter(JWK::isPrivate).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no private key in the JWK Set " + file));
            }
            return JWK.parse(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e.getMessage());
        } catch (ParseException e) {
            throw new IllegalArgumentException("the key file " + file + " is not a JWK: " + e.getMessage());
        }
    }

    static JWSAlgorithm algorithm(JWK key) {
        if (key instanceof RSAKey) {
            return JWSAlgorithm.RS384;
        }
        if (key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve())) {
            return JWSAlgorithm.ES384;
        }
        throw new IllegalArgumentException("the key must be RSA (RS384) or EC on P-384 (ES384), got " + key.getKeyType()
                + (key instanceof ECKey ec ? " " + ec.getCurve() : ""));
    }

    @Override
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized void expire() {
        token = null;
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + "&scope=" + URLEncoder.encode(client.scope(), StandardCharsets.UTF_8)
                + "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion();
        TokenEndpoint.Response response;
        try {
            response = endpoint.post(client.tokenUrl(), form);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BulkExportException("interrupted while fetching an access token");
        }
        if (response.status() != 200) {
            // The error and its description, never the request (which carries the signed assertion).
            throw new BulkExportException("the token endpoint refused the client (HTTP " + response.status() + ")" + oauthError(response.body()));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BulkExportException("the token endpoint's answer is not JSON");
        }
        if (body == null || !body.path("access_token").isTextual() || body.path("access_token").asText().isBlank()) {
            throw new BulkExportException("the token endpoint's answer has no access_token");
        }
        Instant now = clock.instant();
        long expiresIn = body.path("expires_in").asLong(300);
        token = body.path("access_token").asText();
        renewAt = now.plusSeconds(expiresIn).minus(MARGIN);
    }

    /** The signed client assertion: issuer and subject the client id, audience the token URL, a unique jti, 5 min. */
    String assertion() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(client.id()).subject(client.id()).audience(client.tokenUrl().toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ASSERTION_LIFETIME))).build();
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm(client.key())).type(JOSEObjectType.JWT);
        if (client.key().getKeyID() != null) {
            header.keyID(client.key().getKeyID());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with the key: " + e.getMessage());
        }
        return jwt.serialize();
    }

    private JWSSigner signer() throws JOSEException {
        return client.key() instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) client.key());
    }

    private static String oauthError(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.has("error")) {
                return ": " + root.path("error").asText() + (root.has("error_description") ? " (" + root.path("error_description").asText() + ")" : "");
            }
        } catch (IOException notJson) {
            // The status alone says enough.
        }
        return "";
    }
}
