package dev.hotpatch.core.classfile;

import java.util.Map;

/**
 * A catalogue of source changes to class {@code p.C}: the old and new source, and other classes
 * both versions compile against. The differential test asks HotSpot whether it redefines old to
 * new and checks the analyzer says the same.
 */
enum SwapCase {
    STRING_LITERAL_CHANGED(body("return \"Hello \" + n;"), body("return \"Hello, \" + n;")),
    LOCAL_VARIABLE_RENAMED(body("String g = \"Hi \"; return g + n;"), body("String greeting = \"Hi \"; return greeting + n;")),
    ARITHMETIC_CHANGED(cls("int f(int x) { return x + 1; }"), cls("int f(int x) { return x * 2 + 1; }")),
    TRY_CATCH_ADDED(cls("int f(String s) { return Integer.parseInt(s); }"),
            cls("int f(String s) { try { return Integer.parseInt(s); } catch (NumberFormatException e) { return -1; } }")),
    METHOD_REFERENCE_ADDED(cls("int f(String s) { return s.length(); }"),
            cls("int f(String s) { java.util.function.ToIntFunction<String> l = String::length; return l.applyAsInt(s); }")),
    THROWS_CLAUSE_CHANGED(cls("void f() throws java.io.IOException { }"), cls("void f() throws Exception { }")),
    ANNOTATION_ADDED(cls("public void f() { }"), cls("@Deprecated public void f() { }")),
    GENERIC_SIGNATURE_CHANGED(cls("int f(java.util.List l) { return l.size(); }"),
            cls("int f(java.util.List<String> l) { return l.size(); }")),
    CONSTANT_CHANGED(cls("static final int LIMIT = 1; int f() { return LIMIT; }"),
            cls("static final int LIMIT = 2; int f() { return LIMIT; }")),
    STATIC_INITIALIZER_CHANGED(cls("static int x = Integer.parseInt(\"1\");"), cls("static int x = Integer.parseInt(\"2\");")),
    PRIVATE_STATIC_METHOD_ADDED(cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { return inc(x); } private static int inc(int x) { return x + 1; }")),
    PRIVATE_FINAL_METHOD_ADDED(cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { return inc(x); } private final int inc(int x) { return x + 1; }")),
    PRIVATE_STATIC_METHOD_REMOVED(cls("int f(int x) { return inc(x); } private static int inc(int x) { return x + 1; }"),
            cls("int f(int x) { return x + 1; }")),
    NON_CAPTURING_LAMBDA_ADDED(cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { java.util.function.IntUnaryOperator op = y -> y + 1; return op.applyAsInt(x); }")),
    CAPTURING_LAMBDA_ADDED(cls("int base = 1; int f(int x) { return x + base; }"),
            cls("int base = 1; int f(int x) { java.util.function.IntUnaryOperator op = y -> y + base; return op.applyAsInt(x); }")),
    PRIVATE_INSTANCE_METHOD_ADDED(cls("int f(int x) { return x + 1; }"),
            cls("int f(int x) { return inc(x); } private int inc(int x) { return x + 1; }")),
    PUBLIC_METHOD_ADDED(cls("public int f(int x) { return x; }"), cls("public int f(int x) { return x; } public int g() { return 0; }")),
    PUBLIC_METHOD_REMOVED(cls("public int f(int x) { return x; } public int g() { return 0; }"), cls("public int f(int x) { return x; }")),
    OVERLOAD_ADDED(cls("int f(int x) { return x; }"), cls("int f(int x) { return x; } int f(long x) { return (int) x; }")),
    METHOD_MADE_SYNCHRONIZED(cls("int f(int x) { return x; }"), cls("synchronized int f(int x) { return x; }")),
    METHOD_VISIBILITY_CHANGED(cls("public int f(int x) { return x; }"), cls("protected int f(int x) { return x; }")),
    FIELD_ADDED(cls("int a;"), cls("int a; int b;")),
    FIELD_REMOVED(cls("int a; int b;"), cls("int a;")),
    FIELD_TYPE_CHANGED(cls("int a;"), cls("long a;")),
    FIELD_MADE_VOLATILE(cls("int a;"), cls("volatile int a;")),
    FIELDS_REORDERED(cls("int a; int b;"), cls("int b; int a;")),
    STATIC_INITIALIZER_ADDED(cls("static int x;"), cls("static int x = Integer.parseInt(\"5\");")),
    ASSERT_ADDED(cls("int f(int x) { return x; }"), cls("int f(int x) { assert x > 0; return x; }")),
    CLASS_MADE_FINAL("package p; public class C { }", "package p; public final class C { }"),
    SUPERCLASS_CHANGED("package p; public class C { }", "package p; public class C extends Base { }"),
    INTERFACE_ADDED("package p; public class C { }", "package p; public class C implements Runnable { public void run() { } }"),
    INTERFACES_REORDERED("package p; public abstract class C implements Runnable, Comparable<C> { }",
            "package p; public abstract class C implements Comparable<C>, Runnable { }"),
    ANONYMOUS_CLASS_ADDED(cls("Runnable f() { return null; }"), cls("Runnable f() { return new Runnable() { public void run() { } }; }")),
    INNER_CLASS_ADDED(cls("int f() { return 1; }"), cls("int f() { return 1; } static class Inner { }")),
    ENUM_SWITCH_ADDED(cls("int f(Color c) { return c.ordinal(); }"),
            cls("int f(Color c) { switch (c) { case RED: return 1; default: return 2; } }")),
    ENUM_CONSTANT_ADDED("package p; public enum C { A, B }", "package p; public enum C { A, B, D }"),
    RECORD_COMPONENT_ADDED("package p; public record C(int a) { }", "package p; public record C(int a, int b) { }"),
    CLASS_SEALED("package p; public class C { }", "package p; public sealed class C permits Sub1, Sub2 { }"),
    INTERFACE_DEFAULT_METHOD_ADDED("package p; public interface C { int f(); }",
            "package p; public interface C { int f(); default int g() { return 1; } }");

    /** Classes every version compiles against. */
    static final Map<String, String> SUPPORT = Map.of(
            "p.Base", "package p; public class Base { }",
            "p.Color", "package p; public enum Color { RED, GREEN }",
            "p.Sub1", "package p; public final class Sub1 extends C { }",
            "p.Sub2", "package p; public final class Sub2 extends C { }");

    final String oldSource;
    final String newSource;

    SwapCase(String oldSource, String newSource) {
        this.oldSource = oldSource;
        this.newSource = newSource;
    }

    /** Support classes this case needs: a sealed class's subclasses only make sense for it. */
    Map<String, String> support() {
        if (this == CLASS_SEALED) {
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
