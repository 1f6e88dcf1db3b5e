package dev.hotpatch.core.report;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A method's code as text a reviewer can read, one instruction per line in the style of ASM's
 * Textifier ({@code INVOKEVIRTUAL java/lang/StringBuilder.append (Ljava/lang/String;)...}), with
 * constant-pool references written as the names they resolve to and each line tagged with the
 * source line the LineNumberTable gives it.
 *
 * <p>Only labels that something refers to (a jump, a switch, an exception handler) are written,
 * numbered in order of appearance, and frames are left out, so two compilations of the same code
 * give the same text whatever their debug information.
 */
public final class BytecodeListing {
    /**
     * One line of the listing.
     *
     * @param sourceLine the source line from the LineNumberTable, or -1 where none applies (labels,
     *                   exception table, code before the first line number, classes without it)
     */
    public record Line(int sourceLine, String text) {
    }

    /** Opcode mnemonics by opcode, as the JVM specification names them (0 NOP .. 201 JSR_W). */
    static final List<String> OPCODES = List.of((""
            + "NOP ACONST_NULL ICONST_M1 ICONST_0 ICONST_1 ICONST_2 ICONST_3 ICONST_4 ICONST_5 LCONST_0 LCONST_1 "
            + "FCONST_0 FCONST_1 FCONST_2 DCONST_0 DCONST_1 BIPUSH SIPUSH LDC LDC_W LDC2_W ILOAD LLOAD FLOAD DLOAD "
            + "ALOAD ILOAD_0 ILOAD_1 ILOAD_2 ILOAD_3 LLOAD_0 LLOAD_1 LLOAD_2 LLOAD_3 FLOAD_0 FLOAD_1 FLOAD_2 FLOAD_3 "
            + "DLOAD_0 DLOAD_1 DLOAD_2 DLOAD_3 ALOAD_0 ALOAD_1 ALOAD_2 ALOAD_3 IALOAD LALOAD FALOAD DALOAD AALOAD "
            + "BALOAD CALOAD SALOAD ISTORE LSTORE FSTORE DSTORE ASTORE ISTORE_0 ISTORE_1 ISTORE_2 ISTORE_3 LSTORE_0 "
            + "LSTORE_1 LSTORE_2 LSTORE_3 FSTORE_0 FSTORE_1 FSTORE_2 FSTORE_3 DSTORE_0 DSTORE_1 DSTORE_2 DSTORE_3 "
            + "ASTORE_0 ASTORE_1 ASTORE_2 ASTORE_3 IASTORE LASTORE FASTORE DASTORE AASTORE BASTORE CASTORE SASTORE "
            + "POP POP2 DUP DUP_X1 DUP_X2 DUP2 DUP2_X1 DUP2_X2 SWAP IADD LADD FADD DADD ISUB LSUB FSUB DSUB IMUL LMUL "
            + "FMUL DMUL IDIV LDIV FDIV DDIV IREM LREM FREM DREM INEG LNEG FNEG DNEG ISHL LSHL ISHR LSHR IUSHR LUSHR "
            + "IAND LAND IOR LOR IXOR LXOR IINC I2L I2F I2D L2I L2F L2D F2I F2L F2D D2I D2L D2F I2B I2C I2S LCMP FCMPL "
            + "FCMPG DCMPL DCMPG IFEQ IFNE IFLT IFGE IFGT IFLE IF_ICMPEQ IF_ICMPNE IF_ICMPLT IF_ICMPGE IF_ICMPGT "
            + "IF_ICMPLE IF_ACMPEQ IF_ACMPNE GOTO JSR RET TABLESWITCH LOOKUPSWITCH IRETURN LRETURN FRETURN DRETURN "
            + "ARETURN RETURN GETSTATIC PUTSTATIC GETFIELD PUTFIELD INVOKEVIRTUAL INVOKESPECIAL INVOKESTATIC "
            + "INVOKEINTERFACE INVOKEDYNAMIC NEW NEWARRAY ANEWARRAY ARRAYLENGTH ATHROW CHECKCAST INSTANCEOF "
            + "MONITORENTER MONITOREXIT WIDE MULTIANEWARRAY IFNULL IFNONNULL GOTO_W JSR_W").split(" "));

    private static final String[] ARRAY_TYPES = {null, null, null, null, "T_BOOLEAN", "T_CHAR", "T_FLOAT",
        "T_DOUBLE", "T_BYTE", "T_SHORT", "T_INT", "T_LONG"};

    private final Map<LabelNode, String> labels = new IdentityHashMap<>();

    private BytecodeListing(MethodNode method) {
        List<LabelNode> referenced = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof JumpInsnNode j) {
                referenced.add(j.label);
            } else if (insn instanceof TableSwitchInsnNode t) {
                referenced.add(t.dflt);
                referenced.addAll(t.labels);
            } else if (insn instanceof LookupSwitchInsnNode s) {
                referenced.add(s.dflt);
                referenced.addAll(s.labels);
            }
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            referenced.addAll(List.of(t.start, t.end, t.handler));
        }
        Map<LabelNode, Boolean> wanted = new IdentityHashMap<>();
        for (LabelNode l : referenced) {
            wanted.put(l, true);
        }
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LabelNode l && wanted.containsKey(l)) {
                labels.put(l, "L" + labels.size());
            }
        }
    }

    /** The listing of a method read with its debug information; empty for an abstract or native method. */
    public static List<Line> of(MethodNode method) {
        BytecodeListing listing = new BytecodeListing(method);
        List<Line> lines = new ArrayList<>();
        int sourceLine = -1;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode n) {
                sourceLine = n.line;
            } else if (insn instanceof LabelNode l) {
                String name = listing.labels.get(l);
                if (name != null) {
                    lines.add(new Line(-1, name + ":"));
                }
            } else if (insn.getOpcode() >= 0) {
                lines.add(new Line(sourceLine, listing.text(insn)));
            }
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            lines.add(new Line(-1, "TRYCATCHBLOCK " + listing.label(t.start) + " " + listing.label(t.end) + " "
                    + listing.label(t.handler) + " " + (t.type == null ? "any" : t.type)));
        }
        return List.copyOf(lines);
    }

    private String label(LabelNode l) {
        return labels.get(l);
    }

    private String text(AbstractInsnNode insn) {
        String op = OPCODES.get(insn.getOpcode());
        if (insn instanceof IntInsnNode i) {
            return op + " " + (insn.getOpcode() == Opcodes.NEWARRAY && i.operand < ARRAY_TYPES.length
                    && ARRAY_TYPES[i.operand] != null ? ARRAY_TYPES[i.operand] : String.valueOf(i.operand));
        } else if (insn instanceof VarInsnNode v) {
            return op + " " + v.var;
        } else if (insn instanceof TypeInsnNode t) {
            return op + " " + t.desc;
        } else if (insn instanceof FieldInsnNode f) {
            return op + " " + f.owner + "." + f.name + " : " + f.desc;
        } else if (insn instanceof MethodInsnNode m) {
            return op + " " + m.owner + "." + m.name + " " + m.desc
                    + (m.itf && insn.getOpcode() != Opcodes.INVOKEINTERFACE ? " (itf)" : "");
        } else if (insn instanceof InvokeDynamicInsnNode d) {
            StringJoiner args = new StringJoiner(", ");
            for (Object arg : d.bsmArgs) {
                args.add(constant(arg));
            }
            return op + " " + d.name + d.desc + " " + handle(d.bsm) + " [" + args + "]";
        } else if (insn instanceof JumpInsnNode j) {
            return op + " " + label(j.label);
        } else if (insn instanceof LdcInsnNode c) {
            return op + " " + constant(c.cst);
        } else if (insn instanceof IincInsnNode i) {
            return op + " " + i.var + " " + i.incr;
        } else if (insn instanceof TableSwitchInsnNode t) {
            StringBuilder s = new StringBuilder(op);
            for (int k = 0; k < t.labels.size(); k++) {
                s.append(' ').append(t.min + k).append(": ").append(label(t.labels.get(k))).append(',');
            }
            return s.append(" default: ").append(label(t.dflt)).toString();
        } else if (insn instanceof LookupSwitchInsnNode s) {
            StringBuilder out = new StringBuilder(op);
            for (int k = 0; k < s.labels.size(); k++) {
                out.append(' ').append(s.keys.get(k)).append(": ").append(label(s.labels.get(k))).append(',');
            }
            return out.append(" default: ").append(label(s.dflt)).toString();
        } else if (insn instanceof MultiANewArrayInsnNode m) {
            return op + " " + m.desc + " " + m.dims;
        }
        return op;
    }

    /** A constant as source would write it: strings quoted, longs with L, floats with F, doubles with D. */
    static String constant(Object cst) {
        if (cst instanceof String s) {
            return quote(s);
        } else if (cst instanceof Long l) {
            return l + "L";
        } else if (cst instanceof Float f) {
            return f + "F";
        } else if (cst instanceof Double d) {
            return d + "D";
        } else if (cst instanceof Type t) {
            return t.getSort() == Type.METHOD ? t.getDescriptor() : t.getDescriptor() + ".class";
        } else if (cst instanceof Handle h) {
            return handle(h);
        } else if (cst instanceof ConstantDynamic c) {
            return "dynamic " + c.getName() + " : " + c.getDescriptor() + " " + handle(c.getBootstrapMethod());
        }
        return String.valueOf(cst);
    }

    private static String handle(Handle h) {
        return h.getOwner() + "." + h.getName() + h.getDesc() + (h.isInterface() ? " (itf)" : "");
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
