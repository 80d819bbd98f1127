package org.waymark.engine.ruleset;

import java.util.List;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.core.impl.KnowledgeBaseImpl;
import org.waymark.engine.util.ContentDigest;

/**
 * The key compiled knowledge is kept under: a SHA-256 of the rule set's id, version and DRL files (paths and text), the
 * declarations the compiler adds to them (with those, all that Drools is given), the engine build (fact classes and the
 * rest of the code), the Drools and Java versions, and the format of the kept bytes. Anything else a version's checks
 * read (value sets, parameters, recommendations) is checked again on the rebuilt KieBase, so it is not part of the key.
 */
final class KnowledgeKey {
    /** The Drools modules that compile and run the knowledge, by their jars' versions. */
    static final String DROOLS = "core " + KnowledgeBaseImpl.class.getPackage().getImplementationVersion()
            + ", compiler " + KnowledgeBuilderImpl.class.getPackage().getImplementationVersion();
    private static final String JAVA = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version");

    private KnowledgeKey() {
    }

    static String of(String build, String ruleSetId, String version, List<DrlCompiler.DrlFile> drl) {
        return of(build, DROOLS, JAVA, ruleSetId, version, drl);
    }

    static String of(String build, String drools, String java, String ruleSetId, String version, List<DrlCompiler.DrlFile> drl) {
        ContentDigest digest = new ContentDigest().text("format", Integer.toString(KnowledgeBytes.FORMAT)).text("build", build)
                .text("drools", drools).text("java", java).text("rule set", ruleSetId).text("version", version);
        for (DrlCompiler.DrlFile f : drl) {
            digest.text(f.path(), f.text());
        }
        digest.text(DrlCompiler.TYPESAFE_COLLECTIONS.path(), DrlCompiler.TYPESAFE_COLLECTIONS.text());
        return digest.hex();
    }
}
