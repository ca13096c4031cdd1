package cn.onehall.gateway.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/** A peer's answer for the gateway's own tests: a tiny HTTP server that says which path it was asked for. */
final class StubService implements AutoCloseable {

    private final HttpServer server;

    StubService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"authorization\":"
                    + (exchange.getRequestHeaders().containsKey("Authorization") ? "true" : "false")
                    + ",\"cookie\":" + (exchange.getRequestHeaders().containsKey("Cookie") ? "true" : "false") + "}").getBytes(StandardCharsets.UTF_8);
            Runnable respond = () -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            // "/slow" answers after 300 ms, like a busy service, so many calls are in flight at once.
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                CompletableFuture.runAsync(respond, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
            } else {
                respond.run();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
