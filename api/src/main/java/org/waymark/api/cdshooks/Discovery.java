package org.waymark.api.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The discovery answer (spec §Discovery Response): every service offered now. */
public record Discovery(@JsonInclude(JsonInclude.Include.ALWAYS) List<Service> services) {
    /** One service as discovery describes it. */
    public record Service(String hook, String title, String description, String id, Map<String, String> prefetch, String usageRequirements) {
        static Service of(CdsService s) {
            return new Service(s.hook(), s.title(), s.description(), s.id(), s.prefetch(), s.usageRequirements());
        }
    }

    public Discovery {
        services = List.copyOf(services);
    }
}
