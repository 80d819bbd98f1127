package org.waymark.bulk.hapi;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** A real HAPI FHIR JPA server with Bulk Data export on a free loopback port; {@link #base()} is its FHIR base. */
public final class HapiJpaServer implements AutoCloseable {
    private final AnnotationConfigApplicationContext spring;
    private final Server jetty;
    private final URI base;

    private HapiJpaServer(AnnotationConfigApplicationContext spring, Server jetty, URI base) {
        this.spring = spring;
        this.jetty = jetty;
        this.base = base;
    }

    public static HapiJpaServer start() throws Exception {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(HapiJpaConfig.class);
        RestfulServer fhir = new RestfulServer(spring.getBean(FhirContext.class));
        fhir.registerProviders(spring.getBean(ResourceProviderFactory.class).createProviders());
        fhir.registerProvider(spring.getBean(JpaSystemProvider.class));
        fhir.registerProvider(spring.getBean(BulkDataExportProvider.class));
        fhir.setPagingProvider(spring.getBean(DatabaseBackedPagingProvider.class));

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
        return new HapiJpaServer(spring, jetty, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/fhir"));
    }

    public URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        spring.close();
    }
}
