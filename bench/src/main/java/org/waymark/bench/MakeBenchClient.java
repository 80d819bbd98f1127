package org.waymark.bench;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a throwaway load-test client into DIR: its private key (client.jwk), public keys and clients.yaml. */
public final class MakeBenchClient {
    private MakeBenchClient() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // BENCH_ALG=RS384 makes an RSA client; the default is ES384.
        com.nimbusds.jose.jwk.JWK key = "RS384".equals(System.getenv("BENCH_ALG"))
                ? new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("bench").generate()
                : new ECKeyGenerator(Curve.P_384).keyID("bench").generate();
        Files.writeString(dir.resolve("client.jwk"), key.toJSONString());
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - iss: " + PresignedTokens.ISSUER + "\n    jwks: jwks.json\n");
    }
}
