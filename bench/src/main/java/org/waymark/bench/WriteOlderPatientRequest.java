package org.waymark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.waymark.fixtures.CdsHooksRequests;

/** Writes the ~150-resource older patient as a fully prefetched patient-view request, for load runs. */
public final class WriteOlderPatientRequest {
    private WriteOlderPatientRequest() {
    }

    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[0]), CdsHooksRequests.patientView(OlderPatient.build()));
    }
}
