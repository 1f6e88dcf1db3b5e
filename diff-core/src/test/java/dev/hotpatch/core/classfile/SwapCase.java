package dev.hotpatch.core.classfile;

import java.util.List;
import java.util.Map;

/**
 * A catalogue of source changes to class {@code p.C}: the old and new source, and other classes
 * both versions compile against. The differential test asks HotSpot whether it redefines old to
 * new and checks the analyzer says the same.
 */
enum SwapCase {
    STRING_LITERAL_CHANGED(SwapReason.METHOD_BODY_CHANGED, body("return \"Hello \" + n;"), body("return \"Hello, \" + n;")),
    LOCAL_VARIABLE_RENAMED(SwapReason.CLASS_ATTRIBUTES_CHANGED, body("String g = \"Hi \"; return g + n;"), body("String greeting = \"Hi \"; return greeting + n;")),
    ARITHMETIC_CHANGED(SwapReason.METHOD_BODY_CHANGED, cls("int f(int x) { return x + 1; }"), cls("int f(int x) { return x * 2 + 1; }")),
    TRY_CATCH_ADDED(SwapReason.METHOD_BODY_CHANGED, cls("int f(String s) { return Integer.parseInt(s); }"),
            cls("int f(String s) { try { return Integer.parseInt(s); } catch (NumberFormatException e) { return -1; } }")),
    METHOD_REFERENCE_ADDED(SwapReason.METHOD_BODY_CHANGED, cls("int f(String s) { return s.length(); }"),
            cls("int f(String s) { java.util.function.ToIntFunction<String> l = String::length; return l.applyAsInt(s); }")),
    THROWS_CLAUSE_CHANGED(SwapReason.CLASS_ATTRIBUTES_CHANGED, cls("void f() throws java.io.IOException { }"), cls("void f() throws Exception { }")),
    ANNOTATION_ADDED(SwapReason.CLASS_ATTRIBUTES_CHANGED, cls("public void f() { }"), cls("@Deprecated public void f() { }")),
    GENERIC_SIGNATURE_CHANGED(SwapReason.CLASS_ATTRIBUTES_CHANGED, cls("int f(java.util.List l) { return l.size(); }"),
            cls("int f(java.util.List<String> l) { return l.size(); }")),
    CONSTANT_CHANGED(SwapReason.CONSTANT_CHANGED, cls("static final int LIMIT = 1; int f() { return LIMIT; }"),
            cls("static final int LIMIT = 2; int f() { return LIMIT; }")),
    STATIC_INITIALIZER_CHANGED(SwapReason.STATIC_INITIALIZER_CHANGED, cls("static int x = Integer.parseInt(\"1\");"), cls("static int x = Integer.parseInt(\"2\");")),
    PRIVATE_STATIC_METHOD_ADDED(SwapReason.METHOD_ADDED, cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { return inc(x); } private static int inc(int x) { return x + 1; }")),
    PRIVATE_FINAL_METHOD_ADDED(SwapReason.METHOD_ADDED, cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { return inc(x); } private final int inc(int x) { return x + 1; }")),
    PRIVATE_STATIC_METHOD_REMOVED(SwapReason.METHOD_REMOVED, cls("int f(int x) { return inc(x); } private static int inc(int x) { return x + 1; }"),
            cls("int f(int x) { return x + 1; }")),
    NON_CAPTURING_LAMBDA_ADDED(SwapReason.METHOD_ADDED, cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { java.util.function.IntUnaryOperator op = y -> y + 1; return op.applyAsInt(x); }")),
    CAPTURING_LAMBDA_ADDED(SwapReason.METHOD_ADDED, cls("int base = 1; int f(int x) { return x + base; }"),
            cls("int base = 1; int f(int x) { java.util.function.IntUnaryOperator op = y -> y + base; return op.applyAsInt(x); }")),
    PRIVATE_INSTANCE_METHOD_ADDED(SwapReason.METHOD_ADDED, cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { return inc(x); } private int inc(int x) { return x + 1; }")),
    PUBLIC_METHOD_ADDED(SwapReason.METHOD_ADDED, cls("public int f(int x) { return x; }"), cls("public int f(int x) { return x; } public int g() { return 0; }")),
    PUBLIC_METHOD_REMOVED(SwapReason.METHOD_REMOVED, cls("public int f(int x) { return x; } public int g() { return 0; }"), cls("public int f(int x) { return x; }")),
    OVERLOAD_ADDED(SwapReason.METHOD_ADDED, cls("int f(int x) { return x; }"), cls("int f(int x) { return x; } int f(long x) { return (int) x; }")),
    METHOD_MADE_SYNCHRONIZED(SwapReason.METHOD_MODIFIERS_CHANGED, cls("int f(int x) { return x; }"), cls("synchronized int f(int x) { return x; }")),
    METHOD_VISIBILITY_CHANGED(SwapReason.METHOD_MODIFIERS_CHANGED, cls("public int f(int x) { return x; }"), cls("protected int f(int x) { return x; }")),
    FIELD_ADDED(SwapReason.FIELD_ADDED, cls("int a;"), cls("int a; int b;")),
    FIELD_REMOVED(SwapReason.FIELD_REMOVED, cls("int a; int b;"), cls("int a;")),
    FIELD_TYPE_CHANGED(SwapReason.FIELD_CHANGED, cls("int a;"), cls("long a;")),
    FIELD_MADE_VOLATILE(SwapReason.FIELD_CHANGED, cls("int a;"), cls("volatile int a;")),
    FIELDS_REORDERED(SwapReason.FIELD_CHANGED, cls("int a; int b;"), cls("int b; int a;")),
    STATIC_INITIALIZER_ADDED(SwapReason.METHOD_ADDED, cls("static int x;"), cls("static int x = Integer.parseInt(\"5\");")),
    ASSERT_ADDED(SwapReason.FIELD_ADDED, cls("int f(int x) { return x; }"), cls("int f(int x) { assert x > 0; return x; }")),
    CLASS_MADE_FINAL(SwapReason.CLASS_MODIFIERS_CHANGED, "package p; public class C { }", "package p; public final class C { }"),
    SUPERCLASS_CHANGED(SwapReason.SUPERCLASS_CHANGED, "package p; public class C { }", "package p; public class C extends Base { }"),
    INTERFACE_ADDED(SwapReason.INTERFACES_CHANGED, "package p; public class C { }", "package p; public class C implements Runnable { public void run() { } }"),
    INTERFACES_REORDERED(SwapReason.INTERFACES_CHANGED, "package p; public abstract class C implements Runnable, Comparable<C> { }",
            "package p; public abstract class C implements Comparable<C>, Runnable { }"),
    ANONYMOUS_CLASS_ADDED(SwapReason.NEST_MEMBERS_CHANGED, cls("Runnable f() { return null; }"), cls("Runnable f() { return new Runnable() { public void run() { } }; }")),
    INNER_CLASS_ADDED(SwapReason.NEST_MEMBERS_CHANGED, cls("int f() { return 1; }"), cls("int f() { return 1; } static class Inner { }")),
    ENUM_SWITCH_ADDED(SwapReason.NEST_MEMBERS_CHANGED, cls("int f(Color c) { return c.ordinal(); }"),
            cls("int f(Color c) { switch (c) { case RED: return 1; default: return 2; } }")),
    ENUM_CONSTANT_ADDED(SwapReason.FIELD_ADDED, "package p; public enum C { A, B }", "package p; public enum C { A, B, D }"),
    RECORD_COMPONENT_ADDED(SwapReason.RECORD_COMPONENTS_CHANGED, "package p; public record C(int a) { }", "package p; public record C(int a, int b) { }"),
    CLASS_SEALED(SwapReason.PERMITTED_SUBCLASSES_CHANGED, "package p; public class C { }", "package p; public sealed class C permits Sub1, Sub2 { }"),
    INTERFACE_DEFAULT_METHOD_ADDED(SwapReason.METHOD_ADDED, "package p; public interface C { int f(); }",
            "package p; public interface C { int f(); default int g() { return 1; } }"),

    // --- reorderings: HotSpot compares methods, NestMembers and PermittedSubclasses as sets,
    //     fields, interfaces and record components in order
    METHODS_REORDERED(SwapReason.CLASS_ATTRIBUTES_CHANGED, cls("int f() { return 1; } int g() { return 2; }"),
            cls("int g() { return 2; } int f() { return 1; }")),
    NESTED_CLASSES_REORDERED(SwapReason.CLASS_ATTRIBUTES_CHANGED, cls("static class A { } static class B { }"),
            cls("static class B { } static class A { }")),
    PERMITTED_SUBCLASSES_REORDERED(SwapReason.CLASS_ATTRIBUTES_CHANGED, "package p; public sealed class C permits Sub1, Sub2 { }",
            "package p; public sealed class C permits Sub2, Sub1 { }"),
    ENUM_CONSTANTS_REORDERED(SwapReason.FIELD_CHANGED, "package p; public enum C { A, B }", "package p; public enum C { B, A }"),
    RECORD_COMPONENTS_REORDERED(SwapReason.RECORD_COMPONENTS_CHANGED, "package p; public record C(int a, long b) { }",
            "package p; public record C(long b, int a) { }"),

    // --- bridge methods javac writes for generics and covariant returns
    BRIDGED_METHOD_BODY_CHANGED(SwapReason.METHOD_BODY_CHANGED,
            "package p; public class C implements Comparable<C> { public int compareTo(C o) { return 0; } }",
            "package p; public class C implements Comparable<C> { public int compareTo(C o) { return 1; } }"),
    COVARIANT_RETURN_ADDS_BRIDGE(SwapReason.METHOD_ADDED,
            "package p; public class C implements java.util.function.Supplier<Object> { public Object get() { return \"a\"; } }",
            "package p; public class C implements java.util.function.Supplier<String> { public String get() { return \"a\"; } }"),

    // --- the same source compiled for another Java version, as a multi-release jar holds it
    CLASS_FILE_VERSION_CHANGED(SwapReason.CLASS_VERSION_CHANGED, List.of("--release", "11"), cls("int f() { return 1; }"),
            List.of("--release", "17"), cls("int f() { return 1; }"));

    /** Classes every version compiles against. */
    static final Map<String, String> SUPPORT = Map.of(
            "p.Base", "package p; public class Base { }",
            "p.Color", "package p; public enum Color { RED, GREEN }",
            "p.Sub1", "package p; public final class Sub1 extends C { }",
            "p.Sub2", "package p; public final class Sub2 extends C { }");

    /** The finding the analyzer must give, among others: what makes this case what it is. */
    final SwapReason expected;
    final String oldSource;
    final String newSource;
    /** javac options of the old and the new version, besides {@code -g}. */
    final List<String> oldOptions;
    final List<String> newOptions;

    SwapCase(SwapReason expected, String oldSource, String newSource) {
        this(expected, List.of(), oldSource, List.of(), newSource);
    }

    SwapCase(SwapReason expected, List<String> oldOptions, String oldSource, List<String> newOptions, String newSource) {
        this.expected = expected;
        this.oldSource = oldSource;
        this.newSource = newSource;
        this.oldOptions = oldOptions;
        this.newOptions = newOptions;
    }

    /** Support classes this case needs: a sealed class's subclasses only make sense for it. */
    Map<String, String> support() {
        if (this == CLASS_SEALED || this == PERMITTED_SUBCLASSES_REORDERED) {
            return SUPPORT;
        }
        return Map.of("p.Base", SUPPORT.get("p.Base"), "p.Color", SUPPORT.get("p.Color"));
    }

    private static String cls(String members) {
        return "package p; public class C { " + members + " }";
    }

    private static String body(String statements) {
        return cls("String greet(String n) { " + statements + " }");
    }
}
