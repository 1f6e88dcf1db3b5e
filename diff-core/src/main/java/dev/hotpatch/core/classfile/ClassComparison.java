package dev.hotpatch.core.classfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.objectweb.asm.Opcodes;

/**
 * Compares two versions of a class as HotSpot's class redefinition does, and explains each
 * difference with the source construct that usually causes it.
 */
final class ClassComparison {
    private final ClassShape old;
    private final ClassShape now;
    private final String className;
    private final List<Finding> findings = new ArrayList<>();

    private ClassComparison(ClassShape old, ClassShape now) {
        this.old = old;
        this.now = now;
        this.className = now.name().replace('/', '.');
    }

    static List<Finding> compare(ClassShape old, ClassShape now) {
        ClassComparison c = new ClassComparison(old, now);
        c.header();
        c.fields();
        c.methods();
        if (c.findings.isEmpty()) {
            c.add(SwapReason.CLASS_ATTRIBUTES_CHANGED, c.className + ": only attributes changed (annotations, "
                    + "signatures or the constant pool), no code or members");
        }
        return List.copyOf(c.findings);
    }

    private void header() {
        if (old.major() != now.major()) {
            add(SwapReason.CLASS_VERSION_CHANGED, "the class file version of " + className + " changed from "
                    + old.major() + " (Java " + ClassEvidence.javaVersion(old.major()) + ") to " + now.major() + " (Java "
                    + ClassEvidence.javaVersion(now.major()) + "); HotSpot takes the new version, but a JVM older than"
                    + " Java " + ClassEvidence.javaVersion(now.major()) + " refuses the class, and the two builds"
                    + " were compiled for different Java versions");
        }
        if (old.access() != now.access()) {
            add(SwapReason.CLASS_MODIFIERS_CHANGED, "the modifiers of class " + className + " changed from '"
                    + ClassShape.modifiers(old.access()) + "' to '" + ClassShape.modifiers(now.access()) + "'");
        }
        if (!Objects.equals(old.superName(), now.superName())) {
            add(SwapReason.SUPERCLASS_CHANGED, "the superclass of " + className + " changed from "
                    + dotted(old.superName()) + " to " + dotted(now.superName()));
        }
        if (!old.interfaces().equals(now.interfaces())) {
            add(SwapReason.INTERFACES_CHANGED, new LinkedHashSet<>(old.interfaces()).equals(new LinkedHashSet<>(now.interfaces()))
                    ? "the order of the interfaces " + className + " implements changed"
                    : "the interfaces of " + className + " changed from " + dotted(old.interfaces()) + " to "
                            + dotted(now.interfaces()));
        }
        if (!Objects.equals(old.nestHost(), now.nestHost())) {
            add(SwapReason.NEST_HOST_CHANGED, "the NestHost of " + className + " changed from "
                    + dotted(old.nestHost()) + " to " + dotted(now.nestHost())
                    + " (the class became, or stopped being, a nested class)");
        }
        // HotSpot compares NestMembers and PermittedSubclasses as sets: reordered nested classes are no change
        if (!Set.copyOf(old.nestMembers()).equals(Set.copyOf(now.nestMembers()))) {
            add(SwapReason.NEST_MEMBERS_CHANGED, "the NestMembers of " + className + " changed: "
                    + listChange(old.nestMembers(), now.nestMembers(), ClassComparison::nestedClassKind));
        }
        if (!Set.copyOf(old.permittedSubclasses()).equals(Set.copyOf(now.permittedSubclasses()))) {
            add(SwapReason.PERMITTED_SUBCLASSES_CHANGED, "the permitted subclasses of sealed " + className
                    + " changed from " + dotted(old.permittedSubclasses()) + " to " + dotted(now.permittedSubclasses()));
        }
        if (!old.recordComponents().equals(now.recordComponents())) {
            add(SwapReason.RECORD_COMPONENTS_CHANGED, "the record components of " + className + " changed from ("
                    + String.join(", ", old.recordComponents()) + ") to (" + String.join(", ", now.recordComponents())
                    + ")");
        }
    }

    private void fields() {
        Set<String> before = names(old.fields());
        Set<String> after = names(now.fields());
        for (ClassShape.Member f : now.fields()) {
            if (!before.contains(f.name())) {
                add(SwapReason.FIELD_ADDED, "field " + className + "." + f.name() + " was added" + fieldOrigin(f));
            }
        }
        for (ClassShape.Member f : old.fields()) {
            if (!after.contains(f.name())) {
                add(SwapReason.FIELD_REMOVED, "field " + className + "." + f.name() + " was removed" + fieldOrigin(f));
            }
        }
        boolean sameSet = before.equals(after);
        boolean changed = false;
        for (ClassShape.Member f : old.fields()) {
            ClassShape.Member g = now.field(f.name());
            if (g == null) {
                continue;
            }
            if (!f.descriptor().equals(g.descriptor()) || f.access() != g.access()) {
                changed = true;
                add(SwapReason.FIELD_CHANGED, "field " + className + "." + f.name() + " changed from '"
                        + ClassShape.modifiers(f.access()) + " " + f.descriptor() + "' to '"
                        + ClassShape.modifiers(g.access()) + " " + g.descriptor() + "'");
            } else if (!Objects.equals(f.constant(), g.constant())) {
                add(SwapReason.CONSTANT_CHANGED, "constant " + className + "." + f.name() + " changed from "
                        + f.constant() + " to " + g.constant() + "; classes compiled against it keep the old value"
                        + " inlined, and a running JVM keeps the old value in the field too");
            }
        }
        if (sameSet && !changed && !nameList(old.fields()).equals(nameList(now.fields()))) {
            add(SwapReason.FIELD_CHANGED, "the fields of " + className + " were reordered");
        }
    }

    private void methods() {
        for (ClassShape.Member m : now.methods().values()) {
            if (!old.methods().containsKey(m.key())) {
                add(SwapReason.METHOD_ADDED, "method " + display(m) + " was added" + methodOrigin(m));
            }
        }
        for (ClassShape.Member m : old.methods().values()) {
            if (!now.methods().containsKey(m.key())) {
                add(SwapReason.METHOD_REMOVED, "method " + display(m) + " was removed" + methodOrigin(m));
            }
        }
        List<String> bodies = new ArrayList<>();
        for (ClassShape.Member m : old.methods().values()) {
            ClassShape.Member n = now.methods().get(m.key());
            if (n == null) {
                continue;
            }
            if (m.access() != n.access()) {
                add(SwapReason.METHOD_MODIFIERS_CHANGED, "the modifiers of method " + display(m) + " changed from '"
                        + ClassShape.modifiers(m.access()) + "' to '" + ClassShape.modifiers(n.access()) + "'");
            } else if (!Objects.equals(m.body(), n.body())) {
                if (m.name().equals("<clinit>")) {
                    add(SwapReason.STATIC_INITIALIZER_CHANGED, "the static initializer of " + className
                            + " changed; a running JVM never runs it again, so static fields keep their old values");
                } else {
                    bodies.add(display(m));
                }
            }
        }
        if (!bodies.isEmpty()) {
            add(SwapReason.METHOD_BODY_CHANGED, "method bod" + (bodies.size() == 1 ? "y" : "ies") + " changed: "
                    + String.join(", ", bodies));
        }
    }

    private String display(ClassShape.Member m) {
        return className + "." + m.name() + m.descriptor();
    }

    private void add(SwapReason code, String message) {
        findings.add(new Finding(code, message));
    }

    /** The source construct that makes javac write a method like this one. */
    static String methodOrigin(ClassShape.Member m) {
        String name = m.name();
        if (name.startsWith("lambda$")) {
            String[] parts = name.split("\\$");
            String in = parts.length > 1 ? parts[1] : "?";
            boolean capturesThis = (m.access() & Opcodes.ACC_STATIC) == 0;
            return " (synthetic: javac compiles a lambda expression in " + ("new".equals(in) ? "a constructor"
                    : "static".equals(in) ? "a static initializer" : in + "()") + " into this method"
                    + (capturesThis ? "; the lambda uses 'this'" : "") + ")";
        }
        if (name.startsWith("access$")) {
            return " (synthetic: an accessor javac writes so a nested class can reach a private member)";
        }
        if (name.equals("$deserializeLambda$")) {
            return " (synthetic: from a serializable lambda)";
        }
        if (name.equals("$values")) {
            return " (synthetic: the enum's values array helper)";
        }
        if (name.equals("<clinit>")) {
            return " (a static initializer: a static field initializer, a static block, an assert or an enum switch)";
        }
        if ((m.access() & Opcodes.ACC_BRIDGE) != 0) {
            return " (synthetic: a bridge method for generics or a covariant return type)";
        }
        if ((m.access() & Opcodes.ACC_SYNTHETIC) != 0) {
            return " (synthetic: generated by the compiler)";
        }
        return "";
    }

    /** The source construct that makes javac write a field like this one. */
    static String fieldOrigin(ClassShape.Member f) {
        String name = f.name();
        if (name.equals("$assertionsDisabled")) {
            return " (synthetic: from an assert statement)";
        }
        if (name.startsWith("$SwitchMap$")) {
            return " (synthetic: from a switch on an enum)";
        }
        if (name.startsWith("this$")) {
            return " (synthetic: an inner class's reference to its outer instance)";
        }
        if (name.startsWith("val$")) {
            return " (synthetic: a local variable captured by a local or anonymous class)";
        }
        if (name.equals("$VALUES")) {
            return " (synthetic: the enum's constants array)";
        }
        if ((f.access() & Opcodes.ACC_SYNTHETIC) != 0) {
            return " (synthetic: generated by the compiler)";
        }
        return "";
    }

    /** "an anonymous class", "a local class" or "a nested class", from javac's naming scheme. */
    static String nestedClassKind(String binaryName) {
        String tail = binaryName.substring(binaryName.lastIndexOf('$') + 1);
        if (!tail.isEmpty() && tail.chars().allMatch(Character::isDigit)) {
            return "an anonymous class (or javac's synthetic class for an enum switch)";
        }
        if (!tail.isEmpty() && Character.isDigit(tail.charAt(0))) {
            return "a local class";
        }
        return "a nested or inner class";
    }

    private static String listChange(List<String> before, List<String> after, java.util.function.Function<String, String> kind) {
        List<String> parts = new ArrayList<>();
        for (String a : after) {
            if (!before.contains(a)) {
                parts.add("added " + dotted(a) + " (" + kind.apply(a) + ")");
            }
        }
        for (String b : before) {
            if (!after.contains(b)) {
                parts.add("removed " + dotted(b) + " (" + kind.apply(b) + ")");
            }
        }
        return String.join(", ", parts);
    }

    /** The members' names in their order, repeats kept (a class file may hold two fields of one name). */
    private static List<String> nameList(List<ClassShape.Member> members) {
        List<String> names = new ArrayList<>(members.size());
        for (ClassShape.Member m : members) {
            names.add(m.name());
        }
        return names;
    }

    private static Set<String> names(List<ClassShape.Member> members) {
        return new LinkedHashSet<>(nameList(members));
    }

    private static String dotted(String internalName) {
        return internalName == null ? "none" : internalName.replace('/', '.');
    }

    private static String dotted(List<String> internalNames) {
        if (internalNames.isEmpty()) {
            return "none";
        }
        StringJoiner out = new StringJoiner(", ");
        for (String name : internalNames) {
            out.add(dotted(name));
        }
        return out.toString();
    }
}
