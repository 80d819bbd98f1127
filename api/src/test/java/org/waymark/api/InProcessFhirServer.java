package org.waymark.api;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.fhir.Fhir;

/**
 * A real HAPI FHIR server in the test JVM (RestfulServer on Jetty) holding resources in memory, with a
 * small page size so clients must follow paging. Records the Authorization header of every FHIR
 * interaction and counts every HTTP request.
 */
public final class InProcessFhirServer implements AutoCloseable {
    private final Server jetty = new Server(0);
    private volatile List<Resource> resources;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Every HTTP request that reached this server, whatever its path. */
    final AtomicInteger requests = new AtomicInteger();

    public InProcessFhirServer(List<Resource> resources) throws Exception {
        this.resources = List.copyOf(resources);
        RestfulServer fhir = new RestfulServer(Fhir.context());
        List<IResourceProvider> providers = new ArrayList<>();
        providers.add(new PatientProvider());
        for (String type : new String[] {"Condition", "Observation", "Procedure", "Encounter", "MedicationRequest", "MedicationStatement",
                "CarePlan", "Flag", "ServiceRequest", "Immunization"}) {
            providers.add(new ByPatientProvider(type));
        }
        fhir.setResourceProviders(providers);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(20);
        paging.setDefaultPageSize(2);
        fhir.setPagingProvider(paging);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
            requests.incrementAndGet();
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
    }

    /** Serves {@code resources} from now on. */
    public void serve(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    public String baseUrl() {
        return "http://localhost:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/fhir";
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private List<IBaseResource> of(String type, String patientId, RequestDetails request) {
        authorizations.add(String.valueOf(request.getHeader("Authorization")));
        List<IBaseResource> out = new ArrayList<>();
        for (Resource r : resources) {
            if (r.fhirType().equals(type) && Fhir.context().newTerser().getValues(r, "subject.reference").toString().contains("Patient/" + patientId)
                    || r.fhirType().equals(type) && Fhir.context().newTerser().getValues(r, "patient.reference").toString().contains("Patient/" + patientId)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Reads patients by id. */
    public final class PatientProvider implements IResourceProvider {
        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IIdType id, RequestDetails request) {
            authorizations.add(String.valueOf(request.getHeader("Authorization")));
            return resources.stream().filter(r -> r instanceof Patient && r.getIdElement().getIdPart().equals(id.getIdPart()))
                    .map(Patient.class::cast).findFirst().orElseThrow(() -> new ResourceNotFoundException(id));
        }
    }

    /** Searches one resource type by patient. */
    public final class ByPatientProvider implements IResourceProvider {
        private final String type;

        ByPatientProvider(String type) {
            this.type = type;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Fhir.context().getResourceDefinition(type).getImplementingClass();
        }

        @Search
        public List<IBaseResource> search(@RequiredParam(name = "patient") ReferenceParam patient,
                                          @OptionalParam(name = "status") TokenParam status, RequestDetails request) {
            return of(type, patient.getIdPart(), request);
        }
    }
}
