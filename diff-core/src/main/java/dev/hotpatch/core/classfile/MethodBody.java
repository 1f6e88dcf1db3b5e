package dev.hotpatch.core.classfile;

import dev.hotpatch.format.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Writes a method's instructions and exception table as text, with labels numbered by position,
 * and hashes it. Constant pool layout, line numbers and local variable names do not count, so a
 * class whose code did not change has equal fingerprints even when its constant pool moved.
 * The verdict ({@code ClassShape}) and the report's method diffs decide "this body changed" with it.
 */
public final class MethodBody {
    private MethodBody() {
    }

    /** The fingerprint of a method read without debug information ({@code ClassReader.SKIP_DEBUG}). */
    public static String fingerprint(MethodNode method) {
        Map<LabelNode, Integer> labels = new IdentityHashMap<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LabelNode label) {
                labels.put(label, labels.size());
            }
        }
        StringBuilder out = new StringBuilder();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() < 0 && !(insn instanceof LabelNode)) {
                continue; // frames and line numbers
            }
            out.append(insn.getOpcode());
            operands(insn, labels, out);
            out.append('\n');
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            out.append("try L").append(labels.get(t.start)).append(" L").append(labels.get(t.end))
                    .append(" L").append(labels.get(t.handler)).append(' ').append(t.type).append('\n');
        }
        return Sha256.of(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void operands(AbstractInsnNode insn, Map<LabelNode, Integer> labels, StringBuilder out) {
        if (insn instanceof LabelNode l) {
            out.append("L").append(labels.get(l));
        } else if (insn instanceof IntInsnNode i) {
            out.append(' ').append(i.operand);
        } else if (insn instanceof VarInsnNode v) {
            out.append(' ').append(v.var);
        } else if (insn instanceof TypeInsnNode t) {
            out.append(' ').append(t.desc);
        } else if (insn instanceof FieldInsnNode f) {
            out.append(' ').append(f.owner).append('.').append(f.name).append(f.desc);
        } else if (insn instanceof MethodInsnNode m) {
            out.append(' ').append(m.owner).append('.').append(m.name).append(m.desc).append(m.itf ? " itf" : "");
        } else if (insn instanceof InvokeDynamicInsnNode d) {
            out.append(' ').append(d.name).append(d.desc).append(' ').append(d.bsm).append(Arrays.deepToString(d.bsmArgs));
        } else if (insn instanceof JumpInsnNode j) {
            out.append(" L").append(labels.get(j.label));
        } else if (insn instanceof LdcInsnNode c) {
            out.append(' ').append(constant(c.cst));
        } else if (insn instanceof IincInsnNode i) {
            out.append(' ').append(i.var).append(' ').append(i.incr);
        } else if (insn instanceof TableSwitchInsnNode t) {
            out.append(' ').append(t.min).append(' ').append(t.max).append(" L").append(labels.get(t.dflt));
            t.labels.forEach(l -> out.append(" L").append(labels.get(l)));
        } else if (insn instanceof LookupSwitchInsnNode s) {
            out.append(' ').append(s.keys).append(" L").append(labels.get(s.dflt));
            s.labels.forEach(l -> out.append(" L").append(labels.get(l)));
        } else if (insn instanceof MultiANewArrayInsnNode m) {
            out.append(' ').append(m.desc).append(' ').append(m.dims);
        }
    }

    /** A constant with its type, so the string "1" and the int 1 differ. */
    private static String constant(Object cst) {
        String type = cst instanceof Type t ? "Type" : cst.getClass().getSimpleName();
        return type + ":" + cst;
    }
}
