package org.waymark.engine.ruleset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.TypeDeclaration;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.util.ClassUtils;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;

/**
 * A compiled KieBase as bytes, and a KieBase rebuilt from them. Drools 10 cannot serialise a KieBase, but its packages are
 * {@code Externalizable}, with the class bytes of the Java consequences and accumulates ECJ compiled; the classes of the
 * types the DRL declares ({@code declare}) are written beside them, as reading the packages resolves those first. The
 * rebuilt KieBase has Drools' default configuration, as the compiled one has. The bytes carry their SHA-256, so damaged
 * bytes are refused before Java deserialisation reads them, and deserialisation makes only the classes a KieBase is made
 * of ({@link #onlyKnowledge}). The SHA-256 tells damage, not forgery, and the packages carry compiled consequences: the
 * data folder they are kept in is trusted, its owner's alone.
 */
final class KnowledgeBytes {
    /** Bumped when the layout changes; part of every key. */
    static final int FORMAT = 1;
    private static final int DIGEST = 32;
    /** The packages whose classes a kept KieBase is made of (seen in every bundled rule set's): the JDK's, Drools', Waymark's. */
    private static final List<String> KNOWLEDGE_PACKAGES = List.of("java.", "org.drools.", "org.kie.", "org.mvel2.", "org.waymark.");

    /**
     * Refuses, before it is made, an object of any other class (another library's on the class path, as a deserialisation
     * gadget chain would use); the declared types, from the rebuilt KieBase's own loader, are allowed. The caller then
     * compiles the version.
     */
    private static ObjectInputFilter onlyKnowledge(ClassLoader declared) {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            String name = type.getName();
            boolean known = type.isPrimitive() || type.getClassLoader() == declared || KNOWLEDGE_PACKAGES.stream().anyMatch(name::startsWith);
            return known ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    private KnowledgeBytes() {
    }

    static byte[] of(KieBase kieBase) throws IOException {
        Map<String, byte[]> declared = new TreeMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) p;
            JavaDialectRuntimeData java = (JavaDialectRuntimeData) pkg.getDialectRuntimeRegistry().getDialectData("java");
            for (TypeDeclaration type : pkg.getTypeDeclarations().values()) {
                if (type.isNovel()) {
                    String resource = ClassUtils.convertClassToResourcePath(type.getTypeClassName());
                    byte[] bytes = java == null ? null : java.getClassDefinition(resource);
                    if (bytes == null) {
                        throw new IOException("no class bytes for the declared type " + type.getTypeClassName());
                    }
                    declared.put(resource, bytes);
                }
            }
        }
        ByteArrayOutputStream packages = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new DroolsObjectOutputStream(packages)) {
            out.writeObject(new ArrayList<>(kieBase.getKiePackages()));
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            out.writeInt(declared.size());
            for (Map.Entry<String, byte[]> e : declared.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            packages.writeTo(out);
        }
        byte[] body = payload.toByteArray();
        byte[] all = Arrays.copyOf(sha256(body), DIGEST + body.length);
        System.arraycopy(body, 0, all, DIGEST, body.length);
        return all;
    }

    /** The KieBase {@code bytes} were made from; throws on anything unexpected (the caller then compiles). */
    static KieBase kieBase(byte[] bytes) throws IOException, ClassNotFoundException {
        if (bytes.length < DIGEST || !MessageDigest.isEqual(Arrays.copyOf(bytes, DIGEST), sha256(Arrays.copyOfRange(bytes, DIGEST, bytes.length)))) {
            throw new IOException("the kept bytes do not match their SHA-256");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, DIGEST, bytes.length - DIGEST));
        Map<String, byte[]> declared = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            String resource = in.readUTF();
            declared.put(resource, in.readNBytes(in.readInt()));
        }
        // The rebuilt KieBase's own class loader: declared types come from it, everything else from the engine's.
        ProjectClassLoader loader = ProjectClassLoader.createProjectClassLoader(KnowledgeBytes.class.getClassLoader(), declared);
        List<KiePackage> packages = new ArrayList<>();
        try (ObjectInputStream objects = new DroolsObjectInputStream(in, loader)) {
            objects.setObjectInputFilter(onlyKnowledge(loader));
            for (Object p : (List<?>) objects.readObject()) {
                packages.add((KiePackage) p);
            }
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(KieServices.Factory.get().newKieBaseConfiguration(null, loader));
        kieBase.addPackages(packages);
        return kieBase;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
