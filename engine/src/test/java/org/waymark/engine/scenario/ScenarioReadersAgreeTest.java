package org.waymark.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.waymark.engine.facts.PatientRecord;
import org.waymark.engine.fhir.FactMapper;
import org.waymark.engine.fhir.RecordAssembler;
import org.waymark.engine.fhir.RecordReader;
import org.waymark.engine.fhir.RecordStream;
import org.waymark.fixtures.RepositoryRoot;
import org.waymark.fixtures.SyntheticPatients;

/**
 * The differential test over every bundled scenario (rule sets' and pathways'; {@code record:} files and inline
 * bundles are read by the streaming reader at load): the HAPI path's record of the scenario, the record replay
 * reads, and the record the streaming reader reads from the same resources written as a FHIR JSON Bundle are
 * identical, patient and every entry, in order.
 */
class ScenarioReadersAgreeTest {
    @TestFactory
    Stream<DynamicTest> streamingAndHapiReadersGiveTheSameRecord() throws Exception {
        Path root = RepositoryRoot.root();
        List<Path> files = new ArrayList<>(ScenarioLoader.find(root.resolve("rules")));
        files.addAll(ScenarioLoader.find(root.resolve("pathways").resolve("definitions")));
        assertTrue(files.size() > 100, "the bundled scenarios are found: " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            Scenario scenario = ScenarioLoader.load(f);
            List<Resource> resources = ScenarioLoader.resources(f);
            PatientRecord hapi = FactMapper.toRecord(resources, scenario.asOf());
            assertEquals(hapi, RecordAssembler.assemble(scenario.parts(), scenario.asOf()), "replay's record");
            assertEquals(hapi, RecordStream.read(json(resources), scenario.asOf()), "streamed from FHIR JSON");
        }));
    }

    @TestFactory
    Stream<DynamicTest> syntheticTestPatientsAreReadAlike() {
        java.time.Instant asOf = java.time.LocalDate.parse(SyntheticPatients.FIXTURE_AS_OF).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return Stream.of(SyntheticPatients.frail(), SyntheticPatients.fit(), SyntheticPatients.complexCareHomeResident())
                .map(p -> DynamicTest.dynamicTest(p.resources().get(0).getIdElement().getIdPart(), () ->
                        assertEquals(FactMapper.toRecord(p.resources(), asOf), RecordStream.read(json(p.resources()), asOf))));
    }

    /** The resources as a collection Bundle, written by HAPI. */
    private static String json(List<Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        resources.forEach(r -> bundle.addEntry().setResource(r));
        return RecordReader.parser().encodeResourceToString(bundle);
    }
}
