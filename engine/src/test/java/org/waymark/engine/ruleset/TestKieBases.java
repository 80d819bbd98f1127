package org.waymark.engine.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/** A KieBase compiled from one DRL text for a test; its module leaves Drools' repository once built. */
public final class TestKieBases {
    private TestKieBases() {
    }

    /** {@code artifact}: a name no other KieBase of the test run has. */
    public static KieBase of(String artifact, String drl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId release = ks.newReleaseId("org.waymark.test", artifact, "1.0.0");
        kfs.generateAndWritePomXML(release);
        kfs.write("src/main/resources/test/rule.drl", drl);
        List<Message> errors = ks.newKieBuilder(kfs).buildAll().getResults().getMessages(Message.Level.ERROR);
        assertEquals(List.of(), errors, drl);
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        ks.getRepository().removeKieModule(release);
        return kieBase;
    }

    /**
     * A rule named "under test" whose condition is {@code when} and whose consequence adds "fired" to the global list
     * {@code fired}, over the fact classes; {@code declarations} (functions, imports) before it, {@code more} rules after.
     */
    public static KieBase oneRule(String artifact, String declarations, String when, String more) {
        return of(artifact, """
                package test;
                import org.waymark.engine.facts.*;
                %s
                global java.util.List fired;
                rule "under test"
                when
                    %s
                then
                    fired.add("fired");
                end
                %s
                """.formatted(declarations, when, more));
    }
}
