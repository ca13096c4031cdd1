package cn.onehall.supervision.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

import cn.onehall.starter.testsupport.HallEnv;
import cn.onehall.starter.testsupport.LocalApi;
import tools.jackson.databind.node.ObjectNode;

/**
 * catalog-service's public calendar endpoint, answering with the catalogue's own 2026 seed
 * (catalog-service/src/main/resources/calendar/calendar-2026.json) in the shape its CalendarResource publishes;
 * other years are 404 (not published).
 */
public final class CatalogStub {

    private static HttpServer server;
    /** Published guides by "code/version", as GET /api/catalog/items/{code}/versions/{version} answers them. */
    private static final java.util.Map<String, String> GUIDES = new java.util.concurrent.ConcurrentHashMap<>();

    public static void guide(String code, int version, String json) {
        GUIDES.put(code + "/" + version, json);
    }

    private CatalogStub() {
    }

    private static Path seed() {
        return HallEnv.root().resolve(Path.of("catalog-service", "src", "main", "resources", "calendar", "calendar-2026.json"));
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                ObjectNode year = (ObjectNode) LocalApi.JSON.readTree(Files.readString(seed(), StandardCharsets.UTF_8));
                // the seed lists make-up days as dates; the endpoint publishes {date, name} like the days off
                tools.jackson.databind.node.ArrayNode makeUp = year.putArray("makeUpWorkingDays");
                LocalApi.JSON.readTree(Files.readString(seed(), StandardCharsets.UTF_8)).get("makeUpWorkingDays")
                        .forEach(d -> makeUp.addObject().put("date", d.isString() ? d.asString() : d.get("date").asString()).put("name", "调休上班"));
                year.put("version", 1);
                year.put("loadedAt", "2026-01-01T00:00:00Z");
                byte[] body = LocalApi.JSON.writeValueAsString(year).getBytes(StandardCharsets.UTF_8);
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/api/catalog/calendar/", exchange -> {
                    boolean known = exchange.getRequestURI().getPath().endsWith("/2026");
                    byte[] answer = known ? body : "{\"code\":\"CALENDAR_YEAR_MISSING\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", known ? "application/json" : "application/problem+json");
                    exchange.sendResponseHeaders(known ? 200 : 404, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.createContext("/api/catalog/items/", exchange -> {
                    String[] path = exchange.getRequestURI().getPath().split("/"); // "", api, catalog, items, code, versions, n
                    String guide = path.length == 7 ? GUIDES.get(path[4] + "/" + path[6]) : null;
                    byte[] answer = (guide == null ? "{\"code\":\"NOT_FOUND\"}" : guide).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", guide == null ? "application/problem+json" : "application/json");
                    exchange.sendResponseHeaders(guide == null ? 404 : 200, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
