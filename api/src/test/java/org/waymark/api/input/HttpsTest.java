package org.waymark.api.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.waymark.api.server.Endpoint;
import org.waymark.api.server.TlsKeys;
import org.waymark.api.server.WaymarkServer;
import org.waymark.fixtures.CdsHooksRequests;

/** HTTPS served directly: a self-signed certificate made here with keytool, as PEM files and as a PKCS#12 key store. */
class HttpsTest {
    private static final char[] PASSWORD = "test-only-password".toCharArray();
    private static Path keyStore;
    private static Path certPem;
    private static Path keyPem;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path folder = Servers.temporaryFolder();
        keyStore = folder.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "waymark", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore store = load(keyStore);
        certPem = folder.resolve("cert.pem");
        keyPem = folder.resolve("key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", store.getCertificate("waymark").getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", store.getKey("waymark", PASSWORD).getEncoded()));
    }

    @Test
    void pemCertificateAndKeyServeHttps() throws Exception {
        assertServesHttps(TlsKeys.fromPem(certPem, keyPem));
    }

    @Test
    void pkcs12KeyStoreHoldsTheSameKeyAndCertificateAsThePemFiles() throws Exception {
        // The server takes both as the same TlsKeys, so serving the PEM pair above covers the connector for both.
        KeyStore fromPkcs12 = TlsKeys.fromPkcs12(keyStore, PASSWORD).keyStore();
        KeyStore fromPem = TlsKeys.fromPem(certPem, keyPem).keyStore();
        String alias = fromPkcs12.aliases().nextElement();
        assertEquals(fromPem.getCertificate("waymark"), fromPkcs12.getCertificate(alias));
        assertTrue(java.util.Arrays.equals(fromPem.getKey("waymark", new char[0]).getEncoded(), fromPkcs12.getKey(alias, PASSWORD).getEncoded()));
    }

    @Test
    void aWrongKeyStorePasswordIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsKeys.fromPkcs12(keyStore, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("PKCS#12"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedWithHowToConvertIt() throws Exception {
        Path rsa = Servers.temporaryFolder().resolve("rsa.pem");
        Files.writeString(rsa, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsKeys.fromPem(certPem, rsa));
        assertTrue(e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }

    private static void assertServesHttps(TlsKeys keys) throws Exception {
        WaymarkServer server = Servers.start(new Endpoint(Endpoint.LOOPBACK, 0, Endpoint.DEFAULT_IDLE_TIMEOUT, Optional.of(keys)));
        try {
            String base = "https://localhost:" + server.port();
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(30)).build();
            assertEquals(200, trusting.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> call = trusting.send(HttpRequest.newBuilder(URI.create(base + "/cds-services/proactive-care"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CdsHooksRequests.fixture("frail-patient-view.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, call.statusCode(), call.body());
            assertTrue(call.body().contains("\"code\":\"proactive-care.frailty-review\""), call.body());
            // A client that does not trust the certificate cannot talk to it.
            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            assertThrows(SSLHandshakeException.class, () -> untrusting.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            // Plain HTTP on the HTTPS port gets no answer.
            String plain = RawHttp.exchange(server.port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertFalse(plain.startsWith("HTTP/1.1 200"), plain);
        } finally {
            server.stop();
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        Certificate cert = load(keyStore).getCertificate("waymark");
        trusted.setCertificateEntry("waymark", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws IOException, java.security.GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
