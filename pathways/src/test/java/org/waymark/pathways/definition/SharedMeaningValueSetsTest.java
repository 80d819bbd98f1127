package org.waymark.pathways.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.waymark.engine.valueset.ValueSetFiles;
import org.waymark.fixtures.RepositoryRoot;

/**
 * A pathway value set that means the same as a reviewed rule-set list holds the same codes, so a pathway
 * step and a rule never disagree about what counts (e.g. "patient advised of anticoagulant dose" is no
 * structured medication review, and a hospice is no care home, on both sides).
 */
class SharedMeaningValueSetsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "care-home-admission/1.0.0/valuesets/care-home-residence.csv, shared/residence/1.0.0/valuesets/care-home-residence.csv",
        "care-home-admission/1.0.0/valuesets/structured-medication-review.csv, care-homes/1.0.0/valuesets/structured-medication-review.csv",
        "care-home-admission/1.0.0/valuesets/personalised-care-plan.csv, care-homes/1.0.0/valuesets/personalised-care-plan.csv",
        "carer-support/1.0.0/valuesets/carers-assessment.csv, carers/1.0.0/valuesets/carers-assessment.csv",
        "carer-support/1.0.0/valuesets/is-a-carer.csv, carers/1.0.0/valuesets/is-a-carer.csv",
        "end-of-life/1.0.0/valuesets/palliative-care-register.csv, end-of-life/1.0.0/valuesets/palliative-care-register.csv",
        "end-of-life/1.0.0/valuesets/advance-care-plan.csv, end-of-life/1.0.0/valuesets/advance-care-plan.csv",
        "end-of-life/1.0.0/valuesets/anticipatory-medicines.csv, end-of-life/1.0.0/valuesets/anticipatory-medicines.csv",
        "end-of-life/1.0.0/valuesets/preferred-place.csv, end-of-life/1.0.0/valuesets/preferred-place.csv",
    })
    void pathwayListHoldsTheRuleSetsCodes(String pathwayFile, String ruleSetFile) throws Exception {
        assertEquals(codes(RepositoryRoot.rules().resolve(ruleSetFile)), codes(RepositoryRoot.pathwayDefinitions().resolve(pathwayFile)));
    }

    private static Set<String> codes(Path file) throws Exception {
        return ValueSetFiles.read(file).codes().stream().map(c -> c.system() + "|" + c.code()).collect(Collectors.toSet());
    }
}
