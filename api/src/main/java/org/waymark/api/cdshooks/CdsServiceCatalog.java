package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.waymark.engine.assessment.PathwayScope;
import org.waymark.engine.ruleset.CompiledRuleSet;
import org.waymark.engine.ruleset.RuleSets;
import org.waymark.engine.ruleset.ServiceWording;
import org.waymark.pathways.definition.PathwayDefinition;

/**
 * The services Waymark offers: one {@code patient-view} service per active rule set (id = rule-set id, described
 * by its manifest), and those declared in {@code rules/services.yaml}. Which rule sets, pathways and codes each
 * uses is data; this class only resolves it against what is active.
 */
public final class CdsServiceCatalog {
    static final String PATIENT_VIEW = "patient-view";
    static final String ENCOUNTER_DISCHARGE = "encounter-discharge";
    static final String ORDER_SIGN = "order-sign";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    private static final String USAGE = "Authenticate with a Bearer JWT (docs/security.md). Prefetch every key, or give fhirServer with "
            + "fhirAuthorization so Waymark can fetch what is missing; otherwise the call is answered 412.";
    private static final String DISCHARGE_USAGE = " context.encounterId is required.";
    private static final String ORDER_USAGE = " context.draftOrders (a Bundle) is required; draft MedicationRequests count as current.";

    private record Resolved(RuleSets ruleSets, List<PathwayDefinition> pathways, List<CdsService> services, Set<String> ids) {
    }

    private final List<ServiceDescriptor> declared;
    private volatile Resolved last;

    private CdsServiceCatalog(List<ServiceDescriptor> declared) {
        this.declared = List.copyOf(declared);
    }

    /** The catalogue declared in {@code file}; a missing file declares nothing beyond the rule sets' own services. */
    public static CdsServiceCatalog load(Path file) {
        if (!Files.exists(file)) {
            return new CdsServiceCatalog(List.of());
        }
        try {
            JsonNode services = YAML.readTree(file.toFile()).path("services");
            List<ServiceDescriptor> out = new ArrayList<>();
            for (JsonNode s : services) {
                out.add(YAML.treeToValue(s, ServiceDescriptor.class));
            }
            return new CdsServiceCatalog(out);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": not a valid services file: " + e.getMessage(), e);
        }
    }

    public List<CdsService> services(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        return resolved(ruleSets, pathways).services();
    }

    /**
     * Resolved once per rule-set snapshot and pathway list (both immutable; compared by identity, as the
     * registries hand out the same instances until something changes), not on every call: the wording renders
     * the serving versions' parameters.
     */
    private Resolved resolved(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        Resolved r = last;
        if (r == null || r.ruleSets() != ruleSets || r.pathways() != pathways) {
            List<CdsService> services = offered(ruleSets, pathways);
            r = new Resolved(ruleSets, pathways, services,
                    services.stream().map(CdsService::id).collect(java.util.stream.Collectors.toUnmodifiableSet()));
            last = r;
        }
        return r;
    }

    private List<CdsService> offered(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        List<CdsService> out = new ArrayList<>();
        List<CompiledRuleSet> active = ruleSets.allActive();
        for (CompiledRuleSet rs : active) {
            out.add(new CdsService(rs.id(), PATIENT_VIEW, rs.manifest().title(),
                    rs.manifest().description().strip() + " (rule set " + rs.id() + " " + rs.version() + ")",
                    PrefetchTemplates.patientRecord(), List.of(rs.id()), Optional.empty(), Set.of(), USAGE));
        }
        List<String> pathwayIds = pathways.stream().map(PathwayDefinition::id).toList();
        for (ServiceDescriptor d : declared) {
            resolve(d, active, pathwayIds).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The ids of the services offered now. */
    public Set<String> serviceIds(RuleSets ruleSets, List<PathwayDefinition> pathways) {
        return resolved(ruleSets, pathways).ids();
    }

    public Optional<CdsService> find(RuleSets ruleSets, List<PathwayDefinition> pathways, String id) {
        return services(ruleSets, pathways).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static Optional<CdsService> resolve(ServiceDescriptor d, List<CompiledRuleSet> active, List<String> activePathways) {
        List<CompiledRuleSet> used = d.allRuleSets() ? active
                : d.ruleSets().stream().flatMap(id -> active.stream().filter(rs -> rs.id().equals(id))).toList();
        List<String> ruleSets = used.stream().map(CompiledRuleSet::id).toList();
        Optional<PathwayScope> scope = Optional.ofNullable(d.pathways()).flatMap(p -> {
            List<String> ids = p.all() ? activePathways : p.include().stream().filter(activePathways::contains).toList();
            return ids.isEmpty() ? Optional.empty() : Optional.of(new PathwayScope(p.all() ? Set.of() : Set.copyOf(ids), p.dueWithin()));
        });
        if (ruleSets.isEmpty() && scope.isEmpty()) {
            return Optional.empty();
        }
        String usage = USAGE + (d.hook().equals(ENCOUNTER_DISCHARGE) ? DISCHARGE_USAGE : d.hook().equals(ORDER_SIGN) ? ORDER_USAGE : "");
        // Thresholds in the wording are the serving versions' parameters ({{<rule-set>.<parameter>}}, {{dueWithin}}).
        Optional<java.time.Duration> dueWithin = Optional.ofNullable(d.pathways()).map(ServiceDescriptor.Pathways::dueWithin);
        List<String> unknown = new ArrayList<>();
        return Optional.of(new CdsService(d.id(), d.hook(), ServiceWording.render(d.title(), used, dueWithin, unknown),
                ServiceWording.render(d.description(), used, dueWithin, unknown), prefetch(d.hook()), ruleSets, scope, d.onlyCodes(), usage));
    }

    private static java.util.Map<String, String> prefetch(String hook) {
        return hook.equals(ENCOUNTER_DISCHARGE) ? PrefetchTemplates.dischargeRecord() : PrefetchTemplates.patientRecord();
    }
}
