package org.waymark.cli.serve;

import java.nio.file.Path;
import java.util.Optional;
import org.waymark.api.server.TlsKeys;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The HTTPS key material: a PEM certificate chain with its key, or a PKCS#12 key store; neither means plain HTTP. */
final class TlsOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--tls-cert", description = "Serve HTTPS with this PEM certificate chain (with --tls-key).") Path tlsCert;

    @Option(names = "--tls-key", description = "The PEM PKCS#8 private key of --tls-cert.") Path tlsKey;

    @Option(names = "--tls-keystore", description = "Serve HTTPS with this PKCS#12 key store (password in env WAYMARK_TLS_KEYSTORE_PASSWORD).") Path tlsKeystore;

    Optional<TlsKeys> keys(String keystorePassword) {
        if (tlsKeystore != null && (tlsCert != null || tlsKey != null)) {
            throw new ParameterException(spec.commandLine(), "give either --tls-keystore or --tls-cert with --tls-key, not both");
        }
        if (tlsKeystore != null) {
            return Optional.of(TlsKeys.fromPkcs12(tlsKeystore, keystorePassword == null ? new char[0] : keystorePassword.toCharArray()));
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        return tlsCert == null ? Optional.empty() : Optional.of(TlsKeys.fromPem(tlsCert, tlsKey));
    }
}
