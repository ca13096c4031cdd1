package cn.onehall.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.test.context.DynamicPropertyRegistry;

import cn.onehall.starter.testsupport.HallEnv;

final class GatewayTestSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayTestSupport() {
    }

    /** Every route points at the stub; the gateway's Keycloak client uses the real secret; management on a random port. */
    static void routeEverythingTo(DynamicPropertyRegistry registry, StubService stub) {
        for (String route : new String[]{"catalog", "applications", "licenses", "identity", "supervision"}) {
            registry.add("onehall.routes." + route, stub::url);
        }
        registry.add("onehall.gateway.client-secret", () -> HallEnv.get("ONEHALL_GATEWAY_CLIENT_SECRET", "unset"));
        registry.add("management.server.port", () -> "0");
    }

    static HttpResponse<String> get(int port, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
