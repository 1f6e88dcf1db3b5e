package dev.hotpatch.core.report;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.classfile.MethodBody;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.format.ChangeKind;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What changed inside one modified class, for a reviewer: the members added, removed and changed,
 * and the bytecode diff of every method whose code changed — only those, so the report shows that
 * nothing else moved. A body counts as changed exactly when the verdict's fingerprint says so.
 *
 * @param path      the class file's entry path
 * @param className the class's binary name ({@code com.acme.Greeter})
 */
public record ClassDiff(EntryPath path, String className, List<MemberChange> members, List<MethodDiff> methods) {
    public ClassDiff {
        members = List.copyOf(members);
        methods = List.copyOf(methods);
    }

    /**
     * A member that was added, removed or changed.
     *
     * @param member    "method" or "field"
     * @param signature how source would declare it ({@code public String greet(String)})
     * @param details   for a changed member, what changed ({@code body}, {@code modifiers public -> ...})
     */
    public record MemberChange(ChangeKind kind, String member, String signature, List<String> details) {
        public MemberChange {
            details = List.copyOf(details);
        }
    }

    /** The diffs of every modified class file of a change set that ASM can read, in path order. */
    public static List<ClassDiff> of(ChangeSet changes, ContentStore store) {
        List<ClassDiff> diffs = new ArrayList<>();
        for (Change c : changes.changes()) {
            if (c.kind() != ChangeKind.MODIFIED || !c.path().name().endsWith(".class")) {
                continue;
            }
            byte[] before;
            byte[] after;
            try {
                before = store.read(c.oldSha256());
                after = store.read(c.newSha256());
            } catch (IOException e) {
                throw new HotpatchException(ReasonCode.IO_ERROR, c.path().toString(),
                        "Cannot read the changed class from the scratch store: " + e.getMessage(), e);
            }
            try {
                diffs.add(of(c.path(), before, after));
            } catch (RuntimeException e) {
                // not a class file ASM can read; the verdict says CLASS_UNREADABLE
            }
        }
        return List.copyOf(diffs);
    }

    public static ClassDiff of(EntryPath path, byte[] before, byte[] after) {
        ClassNode old = read(before, 0);
        ClassNode now = read(after, 0);
        Map<String, String> oldBodies = fingerprints(read(before, ClassReader.SKIP_DEBUG));
        Map<String, String> newBodies = fingerprints(read(after, ClassReader.SKIP_DEBUG));
        String simpleName = simpleName(now.name);
        List<MemberChange> members = new ArrayList<>();
        List<MethodDiff> methods = new ArrayList<>();

        Map<String, FieldNode> oldFields = new LinkedHashMap<>();
        for (FieldNode f : old.fields) {
            oldFields.put(f.name, f);
        }
        Map<String, FieldNode> newFields = new LinkedHashMap<>();
        for (FieldNode f : now.fields) {
            newFields.put(f.name, f);
        }
        for (FieldNode f : now.fields) {
            FieldNode o = oldFields.get(f.name);
            if (o == null) {
                members.add(new MemberChange(ChangeKind.ADDED, "field", field(f), List.of()));
                continue;
            }
            List<String> details = new ArrayList<>();
            if (!o.desc.equals(f.desc)) {
                details.add("type " + typeName(o.desc) + " -> " + typeName(f.desc));
            }
            if (o.access != f.access) {
                details.add("modifiers '" + modifiers(o.access, Modifier.fieldModifiers()) + "' -> '"
                        + modifiers(f.access, Modifier.fieldModifiers()) + "'");
            }
            if (!Objects.equals(o.value, f.value)) {
                details.add("constant " + BytecodeListing.constant(o.value) + " -> "
                        + BytecodeListing.constant(f.value));
            }
            if (!details.isEmpty()) {
                members.add(new MemberChange(ChangeKind.MODIFIED, "field", field(f), details));
            }
        }
        for (FieldNode o : old.fields) {
            if (!newFields.containsKey(o.name)) {
                members.add(new MemberChange(ChangeKind.REMOVED, "field", field(o), List.of()));
            }
        }

        Map<String, MethodNode> oldMethods = new LinkedHashMap<>();
        for (MethodNode m : old.methods) {
            oldMethods.put(m.name + m.desc, m);
        }
        Map<String, MethodNode> newMethods = new LinkedHashMap<>();
        for (MethodNode m : now.methods) {
            newMethods.put(m.name + m.desc, m);
        }
        for (MethodNode m : now.methods) {
            String key = m.name + m.desc;
            MethodNode o = oldMethods.get(key);
            if (o == null) {
                members.add(new MemberChange(ChangeKind.ADDED, "method", method(m, simpleName), List.of()));
                continue;
            }
            List<String> details = new ArrayList<>();
            if (o.access != m.access) {
                details.add("modifiers '" + modifiers(o.access, Modifier.methodModifiers()) + "' -> '"
                        + modifiers(m.access, Modifier.methodModifiers()) + "'");
            }
            if (!Objects.equals(oldBodies.get(key), newBodies.get(key))) {
                details.add("code");
                methods.add(MethodDiff.of(m.name, m.desc, BytecodeListing.of(o), BytecodeListing.of(m)));
            }
            if (!details.isEmpty()) {
                members.add(new MemberChange(ChangeKind.MODIFIED, "method", method(m, simpleName), details));
            }
        }
        for (MethodNode o : old.methods) {
            if (!newMethods.containsKey(o.name + o.desc)) {
                members.add(new MemberChange(ChangeKind.REMOVED, "method", method(o, simpleName), List.of()));
            }
        }
        return new ClassDiff(path, now.name.replace('/', '.'), members, methods);
    }

    /** The structured form in report.json. */
    void toJson(JsonObject node) {
        node.put("class", className);
        JsonObject.Array memberList = node.putArray("members");
        for (MemberChange m : members) {
            JsonObject n = memberList.addObject().put("kind", m.kind().name()).put("member", m.member())
                    .put("signature", m.signature());
            if (!m.details().isEmpty()) {
                JsonObject.Array details = n.putArray("details");
                for (String d : m.details()) {
                    details.add(d);
                }
            }
        }
        JsonObject.Array methodList = node.putArray("methods");
        for (MethodDiff m : methods) {
            m.toJson(methodList.addObject());
        }
    }

    private static ClassNode read(byte[] bytes, int flags) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, flags | ClassReader.SKIP_FRAMES);
        return node;
    }

    private static Map<String, String> fingerprints(ClassNode node) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            bodies.put(m.name + m.desc, m.instructions.size() == 0 ? null : MethodBody.fingerprint(m));
        }
        return bodies;
    }

    private static String field(FieldNode f) {
        return prefix(modifiers(f.access, Modifier.fieldModifiers())) + typeName(f.desc) + " " + f.name;
    }

    private static String method(MethodNode m, String simpleClassName) {
        String mods = prefix(modifiers(m.access, Modifier.methodModifiers()));
        if (m.name.equals("<clinit>")) {
            return "static {}";
        }
        StringJoiner params = new StringJoiner(", ");
        for (Type t : Type.getArgumentTypes(m.desc)) {
            params.add(shortName(t));
        }
        if (m.name.equals("<init>")) {
            return mods + simpleClassName + "(" + params + ")";
        }
        return mods + shortName(Type.getReturnType(m.desc)) + " " + m.name + "(" + params + ")";
    }

    private static String prefix(String modifiers) {
        return modifiers.isEmpty() ? "" : modifiers + " ";
    }

    /** Source modifiers, plus the class file's {@code synthetic} and {@code bridge} flags. */
    static String modifiers(int access, int sourceMask) {
        String s = Modifier.toString(access & sourceMask);
        if ((sourceMask == Modifier.methodModifiers()) && (access & Opcodes.ACC_BRIDGE) != 0) {
            s = s.isEmpty() ? "bridge" : s + " bridge";
        }
        if ((access & Opcodes.ACC_SYNTHETIC) != 0) {
            s = s.isEmpty() ? "synthetic" : s + " synthetic";
        }
        return s;
    }

    private static String typeName(String descriptor) {
        return shortName(Type.getType(descriptor));
    }

    /** {@code java.lang.String} → {@code String}; other packages stay qualified. */
    private static String shortName(Type type) {
        String name = type.getClassName();
        return name.startsWith("java.lang.") && name.indexOf('.', "java.lang.".length()) < 0
                ? name.substring("java.lang.".length()) : name;
    }

    private static String simpleName(String internalName) {
        String tail = internalName.substring(internalName.lastIndexOf('/') + 1);
        return tail.substring(tail.lastIndexOf('$') + 1);
    }
}
