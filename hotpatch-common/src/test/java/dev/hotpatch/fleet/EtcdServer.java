package dev.hotpatch.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real etcd for tests: one member on two free loopback ports with its data in a directory of the
 * test's own. {@link #stop()} kills it with every process it started; {@link #start()} brings it
 * back on the same ports and data, as an operator's restart would.
 */
public final class EtcdServer implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Path dir;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    public EtcdServer(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.clientPort = freePort();
        int peer;
        do {
            peer = freePort();
        } while (peer == clientPort);
        this.peerPort = peer;
    }

    /** Starts etcd and returns once it answers a read. */
    public EtcdServer start() throws IOException, InterruptedException {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        String etcd = Files.isExecutable(Path.of("/usr/bin/etcd")) ? "/usr/bin/etcd" : "etcd";
        process = new ProcessBuilder(etcd, "--name", "test", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer, "--initial-cluster-state", "new")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
                .start();
        EtcdClient probe = new EtcdClient(endpoints());
        Instant end = Instant.now().plus(START_DEADLINE);
        while (true) {
            try {
                probe.get("/probe");
                return this;
            } catch (EtcdException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(end)) {
                    throw new IllegalStateException("etcd did not start on port " + clientPort + "; its log:\n"
                            + Files.readString(dir.resolve("etcd.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Kills etcd (and anything it started) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            process = null;
        }
    }

    public List<URI> endpoints() {
        return List.of(URI.create("http://127.0.0.1:" + clientPort));
    }

    /** {@code etcd://127.0.0.1:port/prefix}. */
    public String location(String prefix) {
        return "etcd://127.0.0.1:" + clientPort + prefix;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
