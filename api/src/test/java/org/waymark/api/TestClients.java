package org.waymark.api;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.UUID;

/** A trusted CDS client for tests: its P-384 key (kid "ec-1") in a JWK Set file, a clients.yaml naming it, and its tokens. */
public final class TestClients {
    public static final String ISS = "https://ehr.example.org";

    public final ECKey key;
    public final Path file;

    private TestClients(ECKey key, Path file) {
        this.key = key;
        this.file = file;
    }

    /**
     * Writes {@code dir}/clients.yaml: {@code top} (file-wide settings, may be empty), then the client {@link #ISS}
     * with its key file and {@code clientYaml} (more of its fields, each line indented four spaces), then {@code moreClients}.
     */
    public static TestClients write(Path dir, String top, String clientYaml, String moreClients) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        Files.writeString(dir.resolve("ehr.jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Path file = dir.resolve("clients.yaml");
        Files.writeString(file, top + "clients:\n  - iss: " + ISS + "\n    jwks: ehr.jwks.json\n" + clientYaml + moreClients);
        return new TestClients(key, file);
    }

    /** Claims a valid call to {@code path} carries: iss, aud (the first public URL), iat now, exp in 5 minutes, a fresh jti. */
    public static JWTClaimsSet.Builder claims(String path) {
        return new JWTClaimsSet.Builder().issuer(ISS).audience(TestServer.aud(path)).issueTime(Date.from(TestServer.NOW))
                .expirationTime(Date.from(TestServer.NOW.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    /** A header as the spec requires: alg, kid, typ JWT. */
    public static JWSHeader.Builder header(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT);
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A valid ES384 token of this client for a call to {@code path}. */
    public String token(String path) throws Exception {
        return sign(header(JWSAlgorithm.ES384, "ec-1").build(), claims(path).build(), new ECDSASigner(key));
    }
}
