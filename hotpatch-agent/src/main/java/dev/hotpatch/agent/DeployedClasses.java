package dev.hotpatch.agent;

import dev.hotpatch.format.ClassLocation;
import dev.hotpatch.format.PatchManifest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The deployed build's classes, held the way a service holds them: one class loader per archive level
 * (the deployed jar or directory, a war inside an ear), serving that level's class roots
 * ({@code BOOT-INF/classes}, {@code WEB-INF/classes}), its own top-level classes and the jars it
 * carries, like Spring Boot's launcher or a servlet container. Every class gets a code source that
 * names its container the way Spring Boot does ({@code jar:file:/srv/app.jar!/BOOT-INF/lib/x.jar!/}),
 * so {@link Containers} finds the plan's container for it. Nested jars are copied to the scratch
 * directory and read from there; nothing is initialised.
 */
final class DeployedClasses implements Closeable {
    private final Path deployed;
    private final Path scratch;
    private final List<Closeable> open = new ArrayList<>();
    /** The class path of each archive level ("" for the deployed build itself), in search order. */
    private final Map<String, List<Root>> levels = new HashMap<>();
    private final Map<String, Loader> loaders = new HashMap<>();
    private final Map<String, Path> extracted = new HashMap<>();

    /** One class-path element: a container and how to read its entries. */
    private record Root(String container, Entries entries, ProtectionDomain domain) { }

    private interface Entries {
        byte[] read(String name) throws IOException;

        /** Class file names, sorted. */
        List<String> classNames() throws IOException;
    }

    private DeployedClasses(Path deployed, Path scratch) {
        this.deployed = deployed;
        this.scratch = scratch;
    }

    static DeployedClasses open(Path deployed, Path scratch) throws IOException {
        if (!Files.exists(deployed)) {
            throw new IOException(deployed + " does not exist");
        }
        Files.createDirectories(scratch);
        return new DeployedClasses(deployed.toAbsolutePath().normalize(), scratch);
    }

    Path deployed() {
        return deployed;
    }

    /** Loads a class of a container without initialising it; null when it loaded, else why not. */
    String load(String container, String className) {
        try {
            Loader loader = loaderOf(container);
            Class<?> c = Class.forName(className.replace('/', '.'), false, loader);
            CodeSource source = c.getProtectionDomain().getCodeSource();
            String from = source == null ? "?" : source.getLocation().toString();
            if (!from.equals(loader.root(container).domain().getCodeSource().getLocation().toString())) {
                return className + " is served from " + from + ", which comes first on the class path, not from "
                        + ClassPatcher.label(container);
            }
            return null;
        } catch (ClassNotFoundException e) {
            return "it cannot be loaded: " + className.replace('/', '.') + " is not in " + ClassPatcher.label(container);
        } catch (LinkageError e) {
            return "it cannot be loaded in isolation: " + e;
        } catch (IOException | RuntimeException e) {
            return "its container " + ClassPatcher.label(container) + " cannot be read: " + e.getMessage();
        }
    }

    /** Loads some class of the container (so its loader has it), trying a few; null when one loaded. */
    String loadAny(String container) {
        String failure = "no class of " + ClassPatcher.label(container) + " is in the deployed build";
        try {
            Loader loader = loaderOf(container);
            int tries = 0;
            for (String name : loader.root(container).entries().classNames()) {
                String className = name.substring(0, name.length() - ".class".length());
                if (name.contains("-") || tries++ >= 20) {
                    continue; // module-info, package-info
                }
                String f = load(container, className);
                if (f == null) {
                    return null;
                }
                failure = f;
            }
        } catch (IOException | RuntimeException e) {
            return "its container " + ClassPatcher.label(container) + " cannot be read: " + e.getMessage();
        }
        return failure;
    }

    private synchronized Loader loaderOf(String container) throws IOException {
        String level = levelOf(container);
        Loader loader = loaders.get(level);
        if (loader == null) {
            loader = new Loader(level, classPath(level));
            loaders.put(level, loader);
        }
        if (loader.root(container) == null) {
            throw new IOException(ClassPatcher.label(container) + " is not a class root or jar of the deployed build");
        }
        return loader;
    }

    /** The archive level a container belongs to: {@code app.war!/WEB-INF/lib/x.jar} → {@code app.war}. */
    static String levelOf(String container) {
        int nested = container.lastIndexOf(PatchManifest.SEPARATOR);
        String inner = nested < 0 ? container : container.substring(nested + 2);
        String outer = nested < 0 ? "" : container.substring(0, nested);
        if (inner.endsWith(".jar") || ClassLocation.CLASS_ROOTS.contains(inner + "/")) {
            return outer;
        }
        return container; // the top of an archive: a plain jar, or a war's own top-level classes
    }

    /** An archive level's class path: its class roots, its own top-level classes, then its jars by name. */
    private List<Root> classPath(String level) throws IOException {
        List<Root> roots = levels.get(level);
        if (roots != null) {
            return roots;
        }
        Path file = level.isEmpty() ? deployed : extract(level);
        roots = new ArrayList<>();
        if (Files.isDirectory(file)) {
            for (String root : ClassLocation.CLASS_ROOTS) {
                Path dir = file.resolve(root);
                if (Files.isDirectory(dir)) {
                    roots.add(root(join(level, root.substring(0, root.length() - 1)), directory(dir)));
                }
            }
            roots.add(root(level, directory(file)));
            try (Stream<Path> walk = Files.walk(file)) {
                for (Path jar : walk.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                        .toList()) {
                    roots.add(root(join(level, file.relativize(jar).toString().replace('\\', '/')), zip(jar)));
                }
            }
        } else {
            Entries top = zip(file);
            for (String root : ClassLocation.CLASS_ROOTS) {
                String folder = root.substring(0, root.length() - 1);
                roots.add(root(join(level, folder), subtree(top, root)));
            }
            roots.add(root(level, top));
            ZipFile zip = new ZipFile(file.toFile());
            open.add(zip);
            List<String> jars = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().endsWith(".jar")) {
                    jars.add(entry.getName());
                }
            }
            jars.sort(null);
            for (String jar : jars) {
                String container = join(level, jar);
                roots.add(new LazyRoot(container, () -> zip(extract(container))).root(domain(container)));
            }
        }
        levels.put(level, roots);
        return roots;
    }

    private Root root(String container, Entries entries) throws IOException {
        return new Root(container, entries, domain(container));
    }

    /** A nested archive copied to the scratch directory (each level from the copy of the one above it). */
    private synchronized Path extract(String container) throws IOException {
        Path done = extracted.get(container);
        if (done != null) {
            return done;
        }
        int nested = container.lastIndexOf(PatchManifest.SEPARATOR);
        Path outer = nested < 0 ? deployed : extract(container.substring(0, nested));
        String name = nested < 0 ? container : container.substring(nested + 2);
        Path target = scratch.resolve(extracted.size() + "-" + container.substring(container.lastIndexOf('/') + 1));
        if (Files.isDirectory(outer)) {
            return outer.resolve(name);
        }
        try (ZipFile zip = new ZipFile(outer.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new IOException(name + " is not in " + outer);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
        }
        extracted.put(container, target);
        return target;
    }

    /** The code source Spring Boot's launcher gives a class of this container. */
    private ProtectionDomain domain(String container) throws MalformedURLException {
        URL url = container.isEmpty() ? deployed.toUri().toURL()
                : new URL("jar:" + deployed.toUri() + "!/" + container + "!/");
        return new ProtectionDomain(new CodeSource(url, (Certificate[]) null), null);
    }

    private static String join(String level, String path) {
        return level.isEmpty() ? path : level + PatchManifest.SEPARATOR + path;
    }

    private Entries zip(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        open.add(zip);
        return new Entries() {
            @Override
            public byte[] read(String name) throws IOException {
                ZipEntry e = zip.getEntry(name);
                if (e == null || e.isDirectory()) {
                    return null;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    return in.readAllBytes();
                }
            }

            @Override
            public List<String> classNames() {
                TreeSet<String> names = new TreeSet<>();
                zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .forEach(names::add);
                return List.copyOf(names);
            }
        };
    }

    private static Entries subtree(Entries top, String prefix) {
        return new Entries() {
            @Override
            public byte[] read(String name) throws IOException {
                return top.read(prefix + name);
            }

            @Override
            public List<String> classNames() throws IOException {
                return top.classNames().stream().filter(n -> n.startsWith(prefix))
                        .map(n -> n.substring(prefix.length())).toList();
            }
        };
    }

    private static Entries directory(Path dir) {
        return new Entries() {
            @Override
            public byte[] read(String name) throws IOException {
                Path p = dir.resolve(name);
                return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
            }

            @Override
            public List<String> classNames() throws IOException {
                try (Stream<Path> walk = Files.walk(dir)) {
                    return walk.filter(p -> p.toString().endsWith(".class")).map(p -> dir.relativize(p).toString()
                            .replace('\\', '/')).filter(n -> !n.startsWith("META-INF/")).sorted().toList();
                }
            }
        };
    }

    /** A jar inside the deployed file, copied out the first time a class is looked for in it. */
    private static final class LazyRoot implements Entries {
        interface Opener {
            Entries open() throws IOException;
        }

        private final String container;
        private final Opener opener;
        private Entries entries;

        LazyRoot(String container, Opener opener) {
            this.container = container;
            this.opener = opener;
        }

        Root root(ProtectionDomain domain) {
            return new Root(container, this, domain);
        }

        private synchronized Entries entries() throws IOException {
            if (entries == null) {
                entries = opener.open();
            }
            return entries;
        }

        @Override
        public byte[] read(String name) throws IOException {
            return entries().read(name);
        }

        @Override
        public List<String> classNames() throws IOException {
            return entries().classNames();
        }
    }

    /** The class loader of one archive level; its parent is the platform loader, as an application's is. */
    private static final class Loader extends ClassLoader {
        private final Map<String, Root> byContainer = new LinkedHashMap<>();

        Loader(String level, List<Root> roots) {
            super("hotpatch-dry-run" + (level.isEmpty() ? "" : ":" + level), ClassLoader.getPlatformClassLoader());
            roots.forEach(r -> byContainer.put(r.container(), r));
        }

        Root root(String container) {
            return byContainer.get(container);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String file = name.replace('.', '/') + ".class";
            for (Root r : byContainer.values()) {
                byte[] bytes;
                try {
                    bytes = r.entries().read(file);
                } catch (IOException e) {
                    continue;
                }
                if (bytes != null) {
                    return defineClass(name, bytes, 0, bytes.length, r.domain());
                }
            }
            throw new ClassNotFoundException(name);
        }
    }

    @Override
    public void close() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // a scratch file the engine deletes anyway
            }
        }
    }
}
