package dev.hotpatch.core.classfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;

/**
 * What of a class file decides whether a JVM can redefine it: its header, its members in order
 * and the attributes HotSpot compares, with method bodies reduced to fingerprints.
 */
record ClassShape(String name, int access, String superName, List<String> interfaces, String nestHost,
        List<String> nestMembers, List<String> permittedSubclasses, List<String> recordComponents,
        List<Member> fields, Map<String, Member> methods, int major) {

    /** Class modifiers HotSpot compares (its JVM_RECOGNIZED_CLASS_MODIFIERS). */
    static final int CLASS_MODIFIERS = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER
            | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_ANNOTATION | Opcodes.ACC_ENUM
            | Opcodes.ACC_SYNTHETIC;
    /** Field modifiers HotSpot compares. */
    static final int FIELD_MODIFIERS = Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_PROTECTED
            | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT
            | Opcodes.ACC_ENUM | Opcodes.ACC_SYNTHETIC;
    /** Method modifiers HotSpot compares: all of the class file's, except {@code native}. */
    static final int METHOD_MODIFIERS = 0xFFFF & ~Opcodes.ACC_NATIVE;

    /**
     * A field or method.
     *
     * @param body     for a method, a fingerprint of its code (null when abstract or native)
     * @param constant for a field, its {@code ConstantValue}, else null
     */
    record Member(String name, String descriptor, int access, Object constant, String body) {
        String key() {
            return name + descriptor;
        }
    }

    static ClassShape parse(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        List<Member> fields = new ArrayList<>(node.fields.size());
        for (FieldNode f : node.fields) {
            fields.add(new Member(f.name, f.desc, f.access & FIELD_MODIFIERS, f.value, null));
        }
        Map<String, Member> methods = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            methods.put(m.name + m.desc, new Member(m.name, m.desc, m.access & METHOD_MODIFIERS, null, body(m)));
        }
        List<String> components = new ArrayList<>();
        if (node.recordComponents != null) {
            for (RecordComponentNode c : node.recordComponents) {
                components.add(component(c));
            }
        }
        return new ClassShape(node.name, node.access & CLASS_MODIFIERS, node.superName, list(node.interfaces),
                node.nestHostClass, list(node.nestMembers), list(node.permittedSubclasses), components, fields,
                methods, node.version & 0xFFFF);
    }

    private static String component(RecordComponentNode c) {
        return c.name + " " + c.descriptor + (c.signature == null ? "" : " " + c.signature);
    }

    private static List<String> list(List<String> names) {
        return names == null ? List.of() : List.copyOf(names);
    }

    /** A fingerprint of the method's code: equal fingerprints, equal instructions (debug info is skipped). */
    private static String body(MethodNode method) {
        return method.instructions.size() == 0 ? null : MethodBody.fingerprint(method);
    }

    Member field(String name) {
        for (Member f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    static String modifiers(int access) {
        StringBuilder s = new StringBuilder();
        for (int flag : new int[] {Opcodes.ACC_PUBLIC, Opcodes.ACC_PRIVATE, Opcodes.ACC_PROTECTED, Opcodes.ACC_STATIC,
                Opcodes.ACC_FINAL, Opcodes.ACC_SYNCHRONIZED, Opcodes.ACC_VOLATILE, Opcodes.ACC_TRANSIENT,
                Opcodes.ACC_ABSTRACT, Opcodes.ACC_INTERFACE, Opcodes.ACC_ENUM, Opcodes.ACC_SYNTHETIC}) {
            if ((access & flag) != 0) {
                s.append(s.isEmpty() ? "" : " ").append(flagName(flag));
            }
        }
        return s.isEmpty() ? "package-private" : s.toString();
    }

    private static String flagName(int flag) {
        return switch (flag) {
            case Opcodes.ACC_PUBLIC -> "public";
            case Opcodes.ACC_PRIVATE -> "private";
            case Opcodes.ACC_PROTECTED -> "protected";
            case Opcodes.ACC_STATIC -> "static";
            case Opcodes.ACC_FINAL -> "final";
            case Opcodes.ACC_SYNCHRONIZED -> "synchronized";
            case Opcodes.ACC_VOLATILE -> "volatile";
            case Opcodes.ACC_TRANSIENT -> "transient";
            case Opcodes.ACC_ABSTRACT -> "abstract";
            case Opcodes.ACC_INTERFACE -> "interface";
            case Opcodes.ACC_ENUM -> "enum";
            default -> "synthetic";
        };
    }
}
