import java.io.ByteArrayOutputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;

/**
 * Writes the artifact pair that {@code bench/run} diffs: {@code deployed.jar} and {@code branch.jar},
 * Spring Boot style fat jars whose {@code BOOT-INF/lib/} holds ~100 stored library jars made of the
 * running JDK's own class files (real bytecode, so it compresses as real code does). The branch
 * build differs by a one-line fix in one application class and in one class of an in-house library
 * jar, both compiled here with javax.tools. {@code --big} writes a ~2 GB pair instead, adding large
 * stored media files, a deflated nested jar and deflated data files, each with one change. Both
 * jars are written side by side, entry by entry, so nothing large is held in memory. The paths
 * that must come out as changes are written to {@code expected-changes.txt}. {@code --wide} writes
 * a small pair of plain jars instead in which {@value #WIDE_CLASSES} classes changed (a constant in
 * every method): a diff whose time is the class analysis and the report, not the hashing.
 *
 * <p>Usage: {@code java bench/GenerateJars.java OUTDIR [--big | --wide]}
 */
public class GenerateJars {
    static final LocalDateTime BUILD_TIME = LocalDateTime.of(2024, 2, 1, 0, 0);

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        boolean big = args.length > 1 && args[1].equals("--big");
        Files.createDirectories(out);
        long start = System.nanoTime();
        if (args.length > 1 && args[1].equals("--wide")) {
            writeWide(out);
            System.out.printf("wrote %s and %s (%d changed classes) in %.1f s%n", out.resolve("deployed.jar"),
                    out.resolve("branch.jar"), WIDE_CLASSES, (System.nanoTime() - start) / 1e9);
            return;
        }
        List<String> expected = new ArrayList<>();
        List<byte[]> pool = new ArrayList<>();
        List<String> poolNames = new ArrayList<>();
        loadJdkClasses(poolNames, pool);
        Cursor classes = new Cursor(poolNames, pool);
        byte[][] price = compileFix(out, "com.example.shop", "PriceCalculator");
        byte[][] tax = compileFix(out, "com.example.pricing", "TaxRules");
        try (Pair jars = new Pair(out.resolve("deployed.jar"), out.resolve("branch.jar"), big ? 1 : 6)) {
            jars.both("META-INF/MANIFEST.MF", bytes(("Manifest-Version: 1.0\r\nMain-Class: "
                    + "org.springframework.boot.loader.launch.JarLauncher\r\nStart-Class: com.example.shop.ShopApplication"
                    + "\r\nSpring-Boot-Classes: BOOT-INF/classes/\r\nSpring-Boot-Lib: BOOT-INF/lib/\r\n\r\n")), false);
            jars.both("BOOT-INF/classes/application.properties", bytes("spring.application.name=shop\nserver.port=8080\n"), false);
            for (int i = 0; i < 300; i++) {
                String name = classes.name();
                jars.both("BOOT-INF/classes/" + name, bytes(classes.take()), false);
            }
            String changed = "BOOT-INF/classes/com/example/shop/PriceCalculator.class";
            jars.each(changed, bytes(price[0]), bytes(price[1]), false);
            expected.add(changed);

            int libraries = big ? 240 : 100;
            long[] sizes = librarySizes(libraries, big ? 1000L << 20 : 66L << 20);
            List<String> index = new ArrayList<>();
            for (int i = 0; i < libraries; i++) {
                Random r = new Random(i);
                String artifact = WORDS[r.nextInt(WORDS.length)] + "-" + WORDS[r.nextInt(WORDS.length)] + "-" + i;
                String name = "BOOT-INF/lib/" + artifact + "-" + (1 + r.nextInt(5)) + "." + r.nextInt(20) + ".jar";
                jars.both(name, bytes(library("org.lib" + i, artifact, classes, sizes[i], null, big ? 1 : 6)), true);
                index.add(name);
            }
            String pricing = "BOOT-INF/lib/shop-pricing-1.0.0.jar";
            String taxClass = "com/example/pricing/TaxRules.class";
            jars.each(pricing, bytes(library("com.example", "shop-pricing", classes.from(0), 400_000, new Object[] {taxClass, tax[0]}, 6)),
                    bytes(library("com.example", "shop-pricing", classes.from(0), 400_000, new Object[] {taxClass, tax[1]}, 6)), true);
            expected.add(pricing + "!/" + taxClass);
            index.add(pricing);

            if (big) {
                for (int i = 0; i < 5; i++) {
                    String name = "BOOT-INF/classes/static/media/clip-" + i + ".bin";
                    if (i == 2) {
                        jars.each(name, noise(i, 128L << 20, false), noise(i, 128L << 20, true), true);
                        expected.add(name);
                    } else {
                        jars.both(name, noise(i, 128L << 20, false), true);
                    }
                }
                for (int i = 0; i < 20; i++) {
                    jars.both("BOOT-INF/classes/data/table-" + i + ".csv", csv(i, 10 << 20), false);
                }
                String bundle = "BOOT-INF/lib/reference-media-1.0.jar";
                jars.each(bundle, mediaBundle(-1), mediaBundle(17), false);
                expected.add(bundle + "!/media/part-17.bin");
            }
            StringBuilder idx = new StringBuilder();
            index.forEach(n -> idx.append("- \"").append(n).append("\"\n"));
            jars.both("BOOT-INF/classpath.idx", bytes(idx.toString()), false);
        }
        Files.write(out.resolve("expected-changes.txt"), expected);
        System.out.printf("wrote %s (%,d bytes) and %s (%,d bytes) in %.1f s%n", out.resolve("deployed.jar"),
                Files.size(out.resolve("deployed.jar")), out.resolve("branch.jar"), Files.size(out.resolve("branch.jar")),
                (System.nanoTime() - start) / 1e9);
    }

    static final String[] WORDS = {"order", "json", "codec", "pool", "cache", "query", "mapper", "stream",
        "netty", "http", "retry", "metric", "trace", "schema", "batch", "lock", "cluster", "token", "crypto", "xml"};

    /** Every class file of the running JDK's modules, in a stable order. */
    static void loadJdkClasses(List<String> names, List<byte[]> bytes) throws IOException {
        Path modules = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(modules)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class")).sorted().toList();
        }
        for (Path p : files) {
            names.add(p.subpath(2, p.getNameCount()).toString()); // without /modules/<module>/
            bytes.add(Files.readAllBytes(p));
        }
    }

    /** Walks the class pool round and round, so each library gets classes of its own. */
    static final class Cursor {
        final List<String> names;
        final List<byte[]> bytes;
        int at;

        Cursor(List<String> names, List<byte[]> bytes) {
            this.names = names;
            this.bytes = bytes;
        }

        Cursor from(int index) {
            Cursor c = new Cursor(names, bytes);
            c.at = index;
            return c;
        }

        String name() {
            return names.get(at % names.size());
        }

        /** The current class's bytes; moves on to the next class. */
        byte[] take() {
            return bytes.get(at++ % bytes.size());
        }
    }

    /** Log-normal sizes, as dependency sizes are, scaled to the total. */
    static long[] librarySizes(int count, long total) {
        Random random = new Random(42);
        double[] raw = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            raw[i] = Math.exp(random.nextGaussian() * 1.1);
            sum += raw[i];
        }
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.max(16 << 10, (long) (raw[i] / sum * total));
        }
        return sizes;
    }

    /** A library jar as Maven builds one: manifest, pom metadata, directories and deflated classes. */
    static byte[] library(String group, String artifact, Cursor classes, long size, Object[] extra, int level)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size + (1 << 16));
        Set<String> dirs = new HashSet<>();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            jar.setLevel(level);
            put(jar, dirs, "META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\r\nCreated-By: Maven JAR Plugin 3.4.2\r\n"
                    + "Implementation-Title: " + artifact + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String maven = "META-INF/maven/" + group + "/" + artifact + "/";
            put(jar, dirs, maven + "pom.properties", ("artifactId=" + artifact + "\ngroupId=" + group
                    + "\nversion=1.0.0\n").getBytes(StandardCharsets.UTF_8));
            if (extra != null) {
                put(jar, dirs, (String) extra[0], (byte[]) extra[1]);
            }
            while (bytes.size() < size) {
                String name = classes.name();
                put(jar, dirs, name, classes.take());
            }
        }
        return bytes.toByteArray();
    }

    /** Adds the entry and, first, the directory entries above it not written yet. */
    static void put(ZipOutputStream jar, Set<String> dirs, String name, byte[] content) throws IOException {
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            String dir = name.substring(0, slash + 1);
            if (dirs.add(dir)) {
                ZipEntry d = new ZipEntry(dir);
                d.setTimeLocal(BUILD_TIME);
                jar.putNextEntry(d);
                jar.closeEntry();
            }
        }
        if (dirs.add(name)) { // a class the pool holds twice (same name in two modules) goes in once
            ZipEntry e = new ZipEntry(name);
            e.setTimeLocal(BUILD_TIME);
            jar.putNextEntry(e);
            jar.write(content);
            jar.closeEntry();
        }
    }

    /** The deployed and the branch version of one class, differing in one line: the fix. */
    static final int WIDE_CLASSES = 1200;

    /**
     * {@value #WIDE_CLASSES} classes with a few methods of loops, branches and calls, compiled twice
     * with a different constant; each build a plain jar of them.
     */
    static void writeWide(Path out) throws IOException {
        List<String> expected = new ArrayList<>();
        List<List<byte[]>> builds = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            Path src = out.resolve("wide-src" + v);
            Path classesDir = out.resolve("wide-classes" + v);
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classesDir.toString()));
            for (int i = 0; i < WIDE_CLASSES; i++) {
                String name = String.format("C%04d", i);
                Path file = src.resolve("com/example/wide/" + name + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, "package com.example.wide;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\n"
                        + "public class " + name + " {\n"
                        + "    private final List<Integer> seen = new ArrayList<>();\n\n"
                        + "    public int score(int x) {\n"
                        + "        int total = 0;\n"
                        + "        for (int i = 0; i < x; i++) {\n"
                        + "            total += (i % 3 == 0 ? i * " + (v == 0 ? 7 : 11) + " : i + " + i + ");\n"
                        + "        }\n"
                        + "        seen.add(total);\n"
                        + "        return total;\n"
                        + "    }\n\n"
                        + "    public String label(int x) {\n"
                        + "        switch (x % 4) {\n"
                        + "            case 0: return \"none\";\n"
                        + "            case 1: return \"one of " + (v == 0 ? "many" : "several") + "\";\n"
                        + "            default: return String.valueOf(score(x) + seen.size());\n"
                        + "        }\n"
                        + "    }\n}\n");
                args.add(file.toString());
                if (v == 0) {
                    expected.add("com/example/wide/" + name + ".class");
                }
            }
            if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("javac failed on " + src);
            }
            List<byte[]> classes = new ArrayList<>();
            for (String path : expected) {
                classes.add(Files.readAllBytes(classesDir.resolve(path)));
            }
            builds.add(classes);
        }
        try (Pair jars = new Pair(out.resolve("deployed.jar"), out.resolve("branch.jar"), 6)) {
            jars.both("META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8)),
                    false);
            for (int i = 0; i < expected.size(); i++) {
                jars.each(expected.get(i), bytes(builds.get(0).get(i)), bytes(builds.get(1).get(i)), false);
            }
        }
        Files.write(out.resolve("expected-changes.txt"), expected);
    }

    static byte[][] compileFix(Path work, String pkg, String simpleName) throws IOException {
        byte[][] result = new byte[2][];
        for (int v = 0; v < 2; v++) {
            Path src = work.resolve("src" + v).resolve(simpleName + ".java");
            Path classesDir = work.resolve("classes" + v);
            Files.createDirectories(src.getParent());
            Files.writeString(src, "package " + pkg + ";\n\nimport java.math.BigDecimal;\nimport java.math.RoundingMode;\n\n"
                    + "public class " + simpleName + " {\n"
                    + "    private static final BigDecimal RATE = new BigDecimal(\"0.19\");\n\n"
                    + "    public BigDecimal gross(BigDecimal net) {\n"
                    + "        return net.add(net.multiply(RATE)).setScale(2, RoundingMode." + (v == 0 ? "DOWN" : "HALF_EVEN")
                    + ");\n    }\n}\n");
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                    classesDir.toString(), src.toString());
            if (rc != 0) {
                throw new IllegalStateException("javac failed on " + src);
            }
            result[v] = Files.readAllBytes(classesDir.resolve(pkg.replace('.', '/')).resolve(simpleName + ".class"));
        }
        return result;
    }

    /** An entry's bytes, written on demand so that large entries are never held in memory. */
    interface Content {
        long size();

        void writeTo(OutputStream out) throws IOException;
    }

    static Content bytes(byte[] b) {
        return new Content() {
            public long size() {
                return b.length;
            }

            public void writeTo(OutputStream out) throws IOException {
                out.write(b);
            }
        };
    }

    static Content bytes(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Incompressible bytes (a media file) from a seed; {@code changed} flips a 4 KiB region in the middle. */
    static Content noise(long seed, long size, boolean changed) {
        return new Content() {
            public long size() {
                return size;
            }

            public void writeTo(OutputStream out) throws IOException {
                SplittableRandom random = new SplittableRandom(seed);
                byte[] chunk = new byte[1 << 20];
                for (long at = 0; at < size; at += chunk.length) {
                    int n = (int) Math.min(chunk.length, size - at);
                    for (int i = 0; i + 8 <= n; i += 8) {
                        long v = random.nextLong();
                        for (int k = 0; k < 8; k++) {
                            chunk[i + k] = (byte) (v >>> (8 * k));
                        }
                    }
                    if (changed && at <= size / 2 && size / 2 < at + n) {
                        int from = (int) (size / 2 - at);
                        for (int i = from; i < Math.min(n, from + 4096); i++) {
                            chunk[i] = (byte) ~chunk[i];
                        }
                    }
                    out.write(chunk, 0, n);
                }
            }
        };
    }

    /** A CSV data file of about {@code size} bytes. */
    static Content csv(long seed, int size) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 128).append("id,name,amount\n");
        for (int row = 0; text.length() < size; row++) {
            text.append(row).append(',').append(WORDS[random.nextInt(WORDS.length)]).append(',')
                    .append(random.nextInt(100_000)).append('\n');
        }
        return bytes(text.toString());
    }

    /** A jar of 64 stored 4 MiB media parts, deflated as a whole in its parent; part {@code changed} differs. */
    static Content mediaBundle(int changed) {
        return new Content() {
            public long size() {
                return -1; // deflated in the parent: the size is not needed up front
            }

            public void writeTo(OutputStream out) throws IOException {
                ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the parent's entry stays open
                    }
                });
                for (int i = 0; i < 64; i++) {
                    Content part = noise(1000 + i, 4 << 20, i == changed);
                    zip.putNextEntry(entry("media/part-" + i + ".bin", part, true));
                    part.writeTo(zip);
                    zip.closeEntry();
                }
                zip.close();
            }
        };
    }

    static ZipEntry entry(String name, Content content, boolean stored) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(BUILD_TIME);
        if (stored) {
            CRC32 crc = new CRC32();
            content.writeTo(new OutputStream() {
                @Override
                public void write(int b) {
                    crc.update(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    crc.update(b, off, len);
                }
            });
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.size());
            entry.setCompressedSize(content.size());
            entry.setCrc(crc.getValue());
        }
        return entry;
    }

    /** The deployed and the branch jar, written side by side: shared entries are generated once. */
    static final class Pair implements AutoCloseable {
        final ZipOutputStream deployed;
        final ZipOutputStream branch;

        Pair(Path deployedFile, Path branchFile, int level) throws IOException {
            deployed = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(deployedFile), 1 << 16));
            branch = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(branchFile), 1 << 16));
            deployed.setLevel(level);
            branch.setLevel(level);
        }

        void both(String name, Content content, boolean stored) throws IOException {
            ZipEntry e = entry(name, content, stored);
            deployed.putNextEntry(e);
            branch.putNextEntry(new ZipEntry(e));
            content.writeTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    deployed.write(b);
                    branch.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    deployed.write(b, off, len);
                    branch.write(b, off, len);
                }
            });
            deployed.closeEntry();
            branch.closeEntry();
        }

        void each(String name, Content inDeployed, Content inBranch, boolean stored) throws IOException {
            deployed.putNextEntry(entry(name, inDeployed, stored));
            inDeployed.writeTo(deployed);
            deployed.closeEntry();
            branch.putNextEntry(entry(name, inBranch, stored));
            inBranch.writeTo(branch);
            branch.closeEntry();
        }

        @Override
        public void close() throws IOException {
            try (ZipOutputStream a = deployed; ZipOutputStream b = branch) {
                // both closed, the second even when the first fails
            }
        }
    }
}
