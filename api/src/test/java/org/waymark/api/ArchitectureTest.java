package org.waymark.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture, checked on every build: no package cycles in any module, and an engine that knows nothing of HTTP or stores. */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.waymark");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.waymark.(*).(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void engineKnowsNoHttpCdsHooksOrStore() {
        noClasses().that().resideInAPackage("org.waymark.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "org.waymark.api..",
                        "org.waymark.pathways..", "org.waymark.screening..", "java.sql..", "javax.sql..", "org.flywaydb..")
                .check(main);
    }
}
