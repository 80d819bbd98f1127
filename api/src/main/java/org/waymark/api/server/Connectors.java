package org.waymark.api.server;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one Jetty connector Waymark listens on, HTTP or HTTPS, with the limits that keep slow or hostile clients
 * from tying up the server: an idle timeout (a connection silent that long, in its headers or body, is closed), a
 * request header size limit, and requests handed to a worker thread only once their body starts arriving (a client
 * that sends headers and stalls holds no thread). A trickled body is cut off by {@link BodyRateLimit}, not by Jetty's
 * minimum data rate, which also refused bodies that had arrived whole but were read late.
 */
final class Connectors {
    static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

    private Connectors() {
    }

    static Connector create(Server server, HttpConfiguration http, Endpoint endpoint) {
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        ServerConnector connector;
        if (endpoint.tls().isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Health probes and proxies may call by IP or another name than the certificate's; TLS still authenticates the server.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(endpoint.tls().get().keyStore());
            tls.setKeyStorePassword(new String(endpoint.tls().get().password()));
            connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(endpoint.host());
        connector.setPort(endpoint.port());
        connector.setIdleTimeout(endpoint.idleTimeout().toMillis());
        return connector;
    }
}
