package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.report.BytecodeListing.Line;
import dev.hotpatch.core.testing.JavaSources;
import dev.hotpatch.format.ChangeKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

/** The per-class model behind the page: members and method diffs, from classes compiled in the test. */
class ClassDiffTest {
    private static final String SOURCE = """
            package com.acme;

            public class Orders {
                private int count;

                public Orders() {
                }

                public int next() {
                    count++;
                    return count;
                }

                public String describe(String customer) {
                    return "order " + count + " for " + customer;
                }

                public static long sum(long a, long b) {
                    return a + b;
                }
            }
            """;

    @Test
    void onlyTheMethodWhoseCodeChangedIsDiffed() {
        ClassDiff diff = diff(SOURCE, SOURCE.replace("count++;", "count += 2;"));

        assertThat(diff.className()).isEqualTo("com.acme.Orders");
        assertThat(diff.methods()).extracting(MethodDiff::key).containsExactly("next()I");
        assertThat(diff.members()).extracting(ClassDiff.MemberChange::kind, ClassDiff.MemberChange::signature,
                ClassDiff.MemberChange::details).containsExactly(tuple(ChangeKind.MODIFIED, "public int next()",
                List.of("code")));
        MethodDiff next = diff.methods().get(0);
        assertThat(next.hunks()).hasSize(1);
        assertThat(next.hunks().get(0).edits()).filteredOn(e -> e.op() != LineDiff.Op.SAME)
                .extracting(e -> e.op() == LineDiff.Op.ADDED ? next.after().get(e.newIndex()).text()
                        : "-" + next.before().get(e.oldIndex()).text())
                .containsExactly("-ICONST_1", "ICONST_2");
        assertThat(next.changedSourceLines()).containsExactly(10);
    }

    @Test
    void movedLinesAloneChangeNoMethod() {
        ClassDiff diff = diff(SOURCE, SOURCE.replace("    public Orders() {", "\n\n    public Orders() {"));

        assertThat(diff.methods()).isEmpty();
        assertThat(diff.members()).isEmpty();
    }

    @Test
    void addedRemovedAndChangedMembersAreListedWithTheirSignatures() {
        String after = SOURCE.replace("private int count;", "private long count;\n    private String label;")
                .replace("public static long sum(long a, long b) {\n        return a + b;\n    }",
                        "public synchronized void reset() {\n        count = 0;\n    }")
                .replace("return count;", "return (int) count;");

        ClassDiff diff = diff(SOURCE, after);

        assertThat(diff.members()).extracting(ClassDiff.MemberChange::kind, ClassDiff.MemberChange::member,
                ClassDiff.MemberChange::signature).containsExactly(
                        tuple(ChangeKind.MODIFIED, "field", "private long count"),
                        tuple(ChangeKind.ADDED, "field", "private String label"),
                        tuple(ChangeKind.MODIFIED, "method", "public int next()"),
                        tuple(ChangeKind.MODIFIED, "method", "public String describe(String)"),
                        tuple(ChangeKind.ADDED, "method", "public synchronized void reset()"),
                        tuple(ChangeKind.REMOVED, "method", "public static long sum(long, long)"));
        assertThat(diff.members().get(0).details()).containsExactly("type int -> long");
        assertThat(diff.methods()).extracting(MethodDiff::key).containsExactly("next()I",
                "describe(Ljava/lang/String;)Ljava/lang/String;");
    }

    @Test
    void theListingNamesWhatTheConstantPoolReferencesAndCarriesSourceLines() {
        ClassDiff diff = diff(SOURCE, SOURCE.replace("\"order \"", "\"Order \""));
        MethodDiff describe = diff.methods().get(0);

        assertThat(describe.after()).extracting(Line::text).contains("ALOAD 0",
                "GETFIELD com/acme/Orders.count : I", "ARETURN");
        assertThat(describe.after()).extracting(Line::text).anySatisfy(t -> assertThat(t)
                .startsWith("INVOKEDYNAMIC makeConcatWithConstants(ILjava/lang/String;)Ljava/lang/String; "
                        + "java/lang/invoke/StringConcatFactory.makeConcatWithConstants")
                .contains("\"Order \\u0001 for \\u0001\""));
        assertThat(describe.after()).extracting(Line::sourceLine).containsOnly(15);
    }

    @Test
    void branchesGetLabelsAndTheExceptionTableIsListed() {
        String source = """
                package com.acme;

                public class Guard {
                    public int parse(String s) {
                        try {
                            return s.isEmpty() ? 0 : Integer.parseInt(s);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
                """;
        ClassDiff diff = diff(source, source.replace("return -1;", "return -2;"));

        List<String> text = diff.methods().get(0).after().stream().map(Line::text).toList();
        assertThat(text).contains("BIPUSH -2")
                .anyMatch(t -> t.matches("IFEQ L\\d+")).anyMatch(t -> t.matches("L\\d+:"))
                .anyMatch(t -> t.matches("TRYCATCHBLOCK L\\d+ L\\d+ L\\d+ java/lang/NumberFormatException"))
                .contains("INVOKESTATIC java/lang/Integer.parseInt (Ljava/lang/String;)I");
    }

    /** The mnemonics are the JVM specification's, checked against ASM's own opcode constants. */
    @Test
    void everyOpcodeHasTheMnemonicAsmGivesIt() throws IllegalAccessException {
        int checked = 0;
        for (Field f : Opcodes.class.getFields()) {
            int index = BytecodeListing.OPCODES.indexOf(f.getName());
            if (index >= 0 && Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                assertThat(f.getInt(null)).as(f.getName()).isEqualTo(index);
                checked++;
            }
        }
        assertThat(BytecodeListing.OPCODES).hasSize(202);
        assertThat(checked).as("opcodes ASM names").isGreaterThan(150);
    }

    private static ClassDiff diff(String before, String after) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("public class (\\w+)").matcher(before);
        assertThat(m.find()).isTrue();
        String name = "com.acme." + m.group(1);
        byte[] old = JavaSources.compile(name, before).values().iterator().next();
        byte[] now = JavaSources.compile(name, after).values().iterator().next();
        return ClassDiff.of(EntryPath.of("BOOT-INF/classes/" + name.replace('.', '/') + ".class"), old, now);
    }
}
