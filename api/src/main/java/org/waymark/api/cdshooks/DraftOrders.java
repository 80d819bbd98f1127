package org.waymark.api.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.waymark.api.http.ApiException;
import org.waymark.engine.fhir.RecordException;
import org.waymark.engine.fhir.RecordReader;

/**
 * The orders being signed ({@code context.draftOrders} of order-sign). Draft medication requests are
 * evaluated as if active, because the question is what the record will look like once they are signed.
 */
final class DraftOrders {
    private DraftOrders() {
    }

    static List<Resource> from(HookRequest request) {
        JsonNode drafts = request.context().get("draftOrders");
        if (drafts == null || !drafts.isObject() || !"Bundle".equals(drafts.path("resourceType").asText())) {
            throw ApiException.badRequest("'context.draftOrders' is required for order-sign: a FHIR Bundle", "context.draftOrders");
        }
        FhirJsonShape.check(drafts, "context.draftOrders");
        List<Resource> out = new ArrayList<>();
        try {
            for (Resource r : RecordReader.resources(drafts.toString(), "context.draftOrders")) {
                if (r instanceof MedicationRequest m && m.getStatus() == MedicationRequest.MedicationRequestStatus.DRAFT) {
                    m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
                    if (!m.hasCourseOfTherapyType()) {
                        m.getCourseOfTherapyType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy")
                                .setCode("continuous");
                    }
                }
                out.add(r);
            }
        } catch (RecordException e) {
            throw ApiException.badRequest(e.getMessage(), "context.draftOrders");
        }
        return out;
    }
}
