package org.waymark.api.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's TLS key and certificate chain, as an in-memory key store: read from PEM files (a certificate chain
 * and an unencrypted PKCS#8 private key, "BEGIN PRIVATE KEY") or from a PKCS#12 key store with its password.
 */
public record TlsKeys(KeyStore keyStore, char[] password) {
    static final String ALIAS = "waymark";
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    public TlsKeys {
        Objects.requireNonNull(keyStore, "keyStore");
        password = password.clone();
    }

    /** From a PEM certificate chain (server certificate first) and a PEM PKCS#8 private key. */
    public static TlsKeys fromPem(Path certificateChain, Path privateKey) {
        try {
            List<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certificateChain)) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + certificateChain);
            }
            PrivateKey key = privateKey(Files.readString(privateKey, StandardCharsets.US_ASCII), privateKey);
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return new TlsKeys(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
    }

    /** From a PKCS#12 key store file holding one private key entry. */
    public static TlsKeys fromPkcs12(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new TlsKeys(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the PKCS#12 key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        Matcher m = PRIVATE_KEY.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException(file + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm; PKCS#8 names it inside, but trying the few TLS key types is simpler.
            }
        }
        throw new IllegalArgumentException(file + ": the private key is not an RSA, EC or EdDSA key");
    }
}
