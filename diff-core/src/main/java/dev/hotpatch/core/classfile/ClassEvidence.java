package dev.hotpatch.core.classfile;

import java.util.TreeSet;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What one class file tells about the compiler that wrote it: the class file version, which debug
 * attributes it carries, how string concatenation and private access between nested classes were
 * compiled, and marks of compilers other than javac.
 *
 * @param debug      the debug attributes present: {@code source}, {@code lines}, {@code vars}
 * @param observable the debug attributes this class would carry if compiled with them: {@code source}
 *                   always, {@code lines} only when a method has code, {@code vars} only when a method
 *                   with code has {@code this} or parameters (an interface with abstract methods only
 *                   tells nothing about {@code -g:lines,vars})
 * @param family     {@code javac} unless a mark of another compiler was found
 */
record ClassEvidence(int major, Set<String> debug, Set<String> observable, boolean indyConcat, boolean builderConcat,
        boolean nestmates, boolean accessBridges, String family) {

    static ClassEvidence of(byte[] bytes) {
        Collector c = new Collector();
        new ClassReader(bytes).accept(c, new Attribute[] {new Marker("ScalaSig"), new Marker("Scala"),
                new Marker("TASTY")}, ClassReader.SKIP_FRAMES);
        return new ClassEvidence(c.major, Set.copyOf(c.debug), Set.copyOf(c.observable), c.indyConcat,
                c.builderConcat, c.nestmates, c.accessBridges, c.family);
    }

    /** The debug attributes that both versions of a class could show, so a difference in them is evidence. */
    Set<String> comparableDebug(ClassEvidence other) {
        Set<String> both = new TreeSet<>(observable);
        both.retainAll(other.observable);
        return both;
    }

    /** This class's debug attributes among {@code attributes}. */
    Set<String> debugAmong(Set<String> attributes) {
        Set<String> present = new TreeSet<>(debug);
        present.retainAll(attributes);
        return present;
    }

    /** Java version of a class file major version (61 → 17). */
    static int javaVersion(int major) {
        return major - 44;
    }

    private static final class Marker extends Attribute {
        Marker(String type) {
            super(type);
        }
    }

    private static final class Collector extends ClassVisitor {
        int major;
        final Set<String> debug = new TreeSet<>();
        final Set<String> observable = new TreeSet<>(Set.of("source"));
        boolean indyConcat;
        boolean builderConcat;
        boolean nestmates;
        boolean accessBridges;
        String family = "javac";

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            major = version & 0xFFFF;
            if (interfaces != null) {
                for (String i : interfaces) {
                    if (i.equals("groovy/lang/GroovyObject")) {
                        family = "groovyc";
                    }
                }
            }
        }

        @Override
        public void visitSource(String source, String debugExtension) {
            if (source != null) {
                debug.add("source");
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (descriptor.equals("Lkotlin/Metadata;")) {
                family = "kotlinc";
            }
            return null;
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            if (attribute.type.startsWith("Scala") || attribute.type.equals("TASTY")) {
                family = "scalac";
            }
        }

        @Override
        public void visitNestHost(String nestHost) {
            nestmates = true;
        }

        @Override
        public void visitNestMember(String nestMember) {
            nestmates = true;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.startsWith("access$") && (access & Opcodes.ACC_SYNTHETIC) != 0) {
                accessBridges = true;
            }
            // javac writes no debug attributes into methods it generates (bridges, accessors, lambdas)
            boolean declared = (access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0;
            boolean hasVariables = (access & Opcodes.ACC_STATIC) == 0 || !descriptor.startsWith("()");
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitCode() {
                    if (declared) {
                        observable.add("lines");
                        if (hasVariables) {
                            observable.add("vars");
                        }
                    }
                }

                @Override
                public void visitLineNumber(int line, Label start) {
                    debug.add("lines");
                }

                @Override
                public void visitLocalVariable(String n, String d, String s, Label start, Label end, int index) {
                    debug.add("vars");
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    if (bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")) {
                        indyConcat = true;
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                    if (owner.equals("java/lang/StringBuilder") && n.equals("append")) {
                        builderConcat = true;
                    }
                }
            };
        }
    }
}
