package org.waymark.engine.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.engine.facts.PatientRecord;

/**
 * Turns parsed (HAPI) FHIR R4 resources into facts: resources fetched from a FHIR server, draft orders and
 * compact scenario records. Each resource is read into a {@link RecordPart} by the same element list the
 * streaming reader follows ({@link FieldSpec}); {@link RecordAssembler} and {@link EntryMapper} do the rest,
 * so both readers give the same facts.
 */
public final class FactMapper {
    private FactMapper() {
    }

    /** The record of the single patient in {@code resources}, as of {@code asOf} (see {@link RecordAssembler#assemble}). */
    public static PatientRecord toRecord(List<? extends IBaseResource> resources, Instant asOf) throws RecordException {
        return RecordAssembler.assemble(parts(resources), asOf);
    }

    /** Each resource as a part, in order; anything that is not an R4 resource is left out. */
    public static List<RecordPart> parts(List<? extends IBaseResource> resources) throws RecordException {
        List<RecordPart> parts = new ArrayList<>(resources.size());
        for (IBaseResource resource : resources) {
            if (resource instanceof Resource r) {
                parts.add(part(r));
            }
        }
        return parts;
    }

    /** What the facts read of {@code r}; refuses an Observation value beyond a double. */
    public static RecordPart part(Resource r) throws RecordException {
        return part(r, r.fhirType());
    }

    /** {@code where} names the input in errors. */
    static RecordPart part(Resource r, String where) throws RecordException {
        String type = r.fhirType();
        String id = r.hasIdElement() && r.getIdElement().hasIdPart() ? r.getIdElement().getIdPart() : null;
        return RecordPart.of(type, id, (String) r.getUserData(RecordReader.FULL_URL), sparse(r, FieldSpec.of(type)), where);
    }

    private static Sparse sparse(Base base, Map<String, FieldSpec.Field> fields) {
        Sparse out = new Sparse(fields.size());
        for (FieldSpec.Field f : fields.values()) {
            Property property = f.name().equals("id") ? null : base.getNamedProperty(f.name());
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value == null || !ofNamedType(property, f.name(), value)) {
                    continue;
                }
                if (f.children() != null) {
                    out.add(f.name(), sparse(value, f.children()));
                } else if (value instanceof PrimitiveType<?> p && p.hasValue()) {
                    out.add(f.name(), p.getValueAsString());
                }
            }
        }
        return out;
    }

    /** HAPI answers {@code valueQuantity} with whatever value[x] holds: only a value of the named type counts. */
    private static boolean ofNamedType(Property property, String name, Base value) {
        String declared = property.getName();
        if (!declared.endsWith("[x]") || declared.equals(name)) {
            return true;
        }
        return name.substring(declared.length() - 3).equalsIgnoreCase(value.fhirType());
    }
}
