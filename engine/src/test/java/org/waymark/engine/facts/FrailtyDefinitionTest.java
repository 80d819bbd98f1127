package org.waymark.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared frailty definition's Java half: reading eFI and CFS values, categories, and the classification's evidence. */
class FrailtyDefinitionTest {
    private static final Optional<Instant> AT = Optional.of(Instant.parse("2026-10-01T09:00:00Z"));

    private static Observation efi(double value, String unit) {
        return new Observation("Observation/efi", List.of(Coding.snomed("713636003", "Frailty index score")), Set.of("frailty-index-score"),
                AT, false, value, Optional.ofNullable(unit));
    }

    private static Observation cfs(Double value, Set<String> valueSets) {
        return new Observation("Observation/cfs", List.of(Coding.snomed("445414007", "Clinical frailty scale")), valueSets, AT, false, value,
                Optional.empty());
    }

    @Test
    void aPercentageEfiIsConvertedAndValuesOutsideZeroToOneAreIgnoredWithTheReason() {
        assertEquals(0.20, FrailtyScore.efi(efi(20, "%")).value(), 1e-9);
        assertEquals(0.30, FrailtyScore.efi(efi(0.30, null)).value(), 1e-9);
        assertEquals(1.0, FrailtyScore.efi(efi(1.0, null)).value(), 1e-9);
        for (double bad : new double[] {1.5, 1e29, -0.1, 20}) {
            FrailtyScore s = FrailtyScore.efi(efi(bad, null));
            assertFalse(s.plausible(), "eFI " + bad);
            assertTrue(s.evidence().description().contains("ignored: outside the eFI range 0 to 1"), s.evidence().description());
        }
        assertFalse(FrailtyScore.efi(efi(120, "%")).plausible());
    }

    @Test
    void cfsLevelComesFromTheValueOrFromTheLevelSpecificFinding() {
        assertEquals(7.0, FrailtyScore.cfs(cfs(7.0, Set.of("clinical-frailty-scale"))).value());
        assertEquals(6.0, FrailtyScore.cfs(cfs(null, Set.of("clinical-frailty-scale", "cfs-level-6"))).value());
        Condition finding = new Condition("Condition/c", List.of(Coding.snomed("1129391000000100", "CFS level 7")), Set.of("cfs-level-7"),
                AT, false, "active");
        assertEquals(7.0, FrailtyScore.cfs(finding).value());
        for (double bad : new double[] {0, 10, 15, 6.5}) {
            assertNull(FrailtyScore.cfs(cfs(bad, Set.of("clinical-frailty-scale"))).value(), "CFS " + bad);
        }
        assertFalse(FrailtyScore.cfs(cfs(null, Set.of("clinical-frailty-scale"))).plausible(), "a CFS with no level");
    }

    @Test
    void categoriesOnBothSidesOfEveryThreshold() {
        assertEquals(FrailtyCategory.MILD, FrailtyFinding.efiCategory(0.24, 0.12, 0.24, 0.36));
        assertEquals(FrailtyCategory.MODERATE, FrailtyFinding.efiCategory(0.25, 0.12, 0.24, 0.36));
        assertEquals(FrailtyCategory.MODERATE, FrailtyFinding.efiCategory(0.36, 0.12, 0.24, 0.36));
        assertEquals(FrailtyCategory.SEVERE, FrailtyFinding.efiCategory(0.37, 0.12, 0.24, 0.36));
        assertEquals(FrailtyCategory.NONE, FrailtyFinding.efiCategory(0.12, 0.12, 0.24, 0.36));
        assertEquals(FrailtyCategory.MILD, cfsFinding(5).category());
        assertEquals(FrailtyCategory.MODERATE, cfsFinding(6).category());
        assertEquals(FrailtyCategory.SEVERE, cfsFinding(8).category());
        FrailtyFinding terminal = cfsFinding(9);
        assertEquals(FrailtyCategory.NONE, terminal.category(), "CFS 9 is not a frailty category");
        assertTrue(terminal.terminallyIll());
    }

    @Test
    void theClassificationIsTheHighestCategoryAndReportsIgnoredScores() {
        FrailtyScore ignored = FrailtyScore.efi(efi(1.5, null));
        Frailty frailty = Frailty.of(List.of(cfsFinding(5), cfsFinding(7)), List.of(ignored));
        assertTrue(frailty.severe());
        assertTrue(frailty.moderateOrSevere());
        assertFalse(frailty.terminallyIll());
        assertEquals(2, frailty.evidence().size(), "the severe finding and the ignored eFI");
        assertTrue(frailty.evidence().get(1).description().contains("ignored"));
        Frailty terminal = Frailty.of(List.of(cfsFinding(9)), List.of());
        assertFalse(terminal.moderateOrSevere());
        assertTrue(terminal.terminallyIll());
        assertEquals(1, terminal.terminalEvidence().size());
    }

    @Test
    void eventKeyIsTheDayInEnglandAndMedicinesAreCountedByCode() {
        Encounter late = new Encounter("Encounter/a", List.of(), Set.of(), Optional.of(Instant.parse("2026-07-01T23:30:00Z")), false,
                Optional.empty(), "EMER", true);
        assertEquals("2026-07-02", late.eventKey(), "23:30 UTC on 1 July is 2 July in England");
        Medication one = new Medication("MedicationRequest/1", List.of(Coding.snomed("317896006", "x")), Set.of(), AT, false, true);
        Medication again = new Medication("MedicationRequest/2", List.of(Coding.snomed("317896006", "x")), Set.of(), AT, false, true);
        Medication other = new Medication("MedicationRequest/3", List.of(Coding.snomed("318475005", "y")), Set.of(), AT, false, true);
        assertEquals(1, Medication.distinctMedicines(List.of(one, again)));
        assertEquals(2, Medication.distinctMedicines(List.of(one, again, other)));
    }

    private static FrailtyFinding cfsFinding(int level) {
        return FrailtyFinding.cfs(FrailtyScore.cfs(cfs((double) level, Set.of("clinical-frailty-scale"))), 5, 6, 7, 9);
    }
}
