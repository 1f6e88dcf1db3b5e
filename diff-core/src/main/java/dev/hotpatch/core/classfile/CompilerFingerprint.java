package dev.hotpatch.core.classfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What one side's build says about its compiler: the JDK its manifests name and what its changed
 * class files show.
 *
 * @param jdk         the JDK feature version the manifests name (17), or -1 when they name none
 * @param jdkEvidence where that came from ({@code Build-Jdk-Spec: 17 in app.jar!/META-INF/MANIFEST.MF})
 * @param majors      class file major version → number of changed classes with it
 * @param debug       debug attributes found in the changed classes
 * @param families    compilers the changed classes bear marks of ({@code javac}, {@code kotlinc}, ...)
 */
public record CompilerFingerprint(int jdk, String jdkEvidence, SortedMap<Integer, Integer> majors, Set<String> debug,
        Set<String> families) {

    /** "JDK 17 (Build-Jdk-Spec: 17 in META-INF/MANIFEST.MF)" or "an unnamed JDK". */
    public String describeJdk() {
        return jdk < 0 ? "an unnamed JDK (no Build-Jdk-Spec, Build-Jdk or Created-By in the manifests)"
                : "JDK " + jdk + " (" + jdkEvidence + ")";
    }

    /** "class files: Java 17 (major 61) ×3; debug: lines, source; compiler: javac". */
    public String describeClasses() {
        if (majors.isEmpty()) {
            return "no changed class files";
        }
        List<String> versions = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : majors.entrySet()) {
            versions.add("Java " + ClassEvidence.javaVersion(e.getKey()) + " (major " + e.getKey() + ") x"
                    + e.getValue());
        }
        return "class files: " + String.join(", ", versions) + "; debug: "
                + (debug.isEmpty() ? "none" : String.join(", ", debug)) + "; compiler: " + String.join(", ", families);
    }
}
