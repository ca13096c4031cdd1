package cn.onehall.starter.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} child process for tests that stop and restart Redis without disturbing the machine's
 * shared one. Append-only file on, snapshots off: {@link #stop()} sends SHUTDOWN, which flushes the AOF, so
 * {@link #start()} again (same port, same directory) comes back with every stream, group and pending entry.
 * The process is killed and its directory deleted when the JVM exits.
 */
public final class RedisServer {

    private static final String READY = "Ready to accept connections";

    private final int port;
    private final Path dir;
    private Process process;

    public RedisServer() {
        try (ServerSocket probe = new ServerSocket(0)) {
            probe.setReuseAddress(true);
            this.port = probe.getLocalPort();
            this.dir = Files.createTempDirectory("onehall-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroy, "redis-server-" + port + "-cleanup"));
    }

    public int port() {
        return port;
    }

    /** Starts (or restarts) the server and returns once it accepts connections. */
    public synchronized RedisServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            process = new ProcessBuilder("redis-server",
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--appendonly", "yes", "--save", "",
                    "--daemonize", "no", "--logfile", "")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-server (is it on the PATH?)", e);
        }
        // Readiness from the server's own log line rather than polling the port: no sleeping, no guessing.
        Process p = process;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuffer output = new StringBuffer(); // read by this thread on timeout
        Thread.ofPlatform().daemon().name("redis-server-" + port + "-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) { // keeps draining after READY so the pipe never fills up
                    if (!ready.isDone()) {
                        output.append(line).append('\n');
                        if (line.contains(READY)) {
                            ready.complete(null);
                        }
                    }
                }
            } catch (IOException e) {
                // process gone
            }
            ready.completeExceptionally(new IllegalStateException("redis-server on port " + port + " exited before it was ready:\n" + output));
        });
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("redis-server on port " + port + " not ready after 20s:\n" + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** SHUTDOWN (AOF flushed), then waits until the process has ended. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$8\r\nSHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            socket.getInputStream().read(); // EOF when the server is gone; an error reply otherwise
        } catch (IOException e) {
            // connection reset while the server exits: expected
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("redis-server on port " + port + " ignored SHUTDOWN; killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops and starts again on the same port and directory. */
    public synchronized RedisServer restart() {
        stop();
        return start();
    }

    private synchronized void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
