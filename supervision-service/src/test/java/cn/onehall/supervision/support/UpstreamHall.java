package cn.onehall.supervision.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** An upstream hall's import endpoint that records what it accepts and can be taken down (503) and brought back. */
public final class UpstreamHall {

    public static final String SECRET = "test-exchange-secret";

    public record Received(String timestamp, String signature, String body) {
    }

    private static HttpServer server;
    private static volatile boolean up = true;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    private UpstreamHall() {
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/api/exchange/cases", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (up) {
                    RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("X-OneHall-Timestamp"),
                            exchange.getRequestHeaders().getFirst("X-OneHall-Signature"), body));
                }
                exchange.sendResponseHeaders(up ? 202 : 503, -1);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/exchange/cases";
    }

    public static void up(boolean value) {
        up = value;
    }

    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }
}
