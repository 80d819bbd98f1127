package org.waymark.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command line's packages form no cycle: commands depend on {@code options}, the root ({@code Main},
 * {@code WaymarkCommand}) on the commands, never the other way round. (The api module's ArchitectureTest checks the
 * modules below.)
 */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.waymark.cli");

    @Test
    void theImportSeesEveryCommandPackage() {
        for (String p : new String[] {"org.waymark.cli", "org.waymark.cli.options", "org.waymark.cli.serve", "org.waymark.cli.authoring",
                "org.waymark.cli.population", "org.waymark.cli.admin"}) {
            assertTrue(CLI.containPackage(p), p);
        }
    }

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching("org.waymark.(**)").should().beFreeOfCycles().check(CLI);
    }

    @Test
    void nothingBelowTheRootDependsOnIt() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("org.waymark.cli.(*)..")
                .should().dependOnClassesThat().resideInAPackage("org.waymark.cli").check(CLI);
    }
}
