package cn.onehall.starter.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.HallEnv;
import cn.onehall.starter.testsupport.TestSchema;
import cn.onehall.starter.testsupport.Tokens;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feign calls carry the caller's token inside a user's request and the service's own client-credentials token in
 * background work (both from the real Keycloak); a dead peer trips the circuit breaker.
 */
@SpringBootTest(classes = FeignTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.application.name=catalog-service",
        "onehall.area=feign-test",
        "onehall.db.schema=unused",
        "onehall.events.enabled=false"})
class FeignTokenTest {

    static final int PORT = freePort();

    @Autowired
    FeignTestApp.Peer peer;

    @Autowired
    FeignTestApp.DeadPeer deadPeer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "starter-feign");
        registry.add("server.port", () -> PORT);
        registry.add("test.peer-url", () -> "http://localhost:" + PORT);
        registry.add("test.dead-peer-url", () -> "http://localhost:" + freePort());
        registry.add("onehall.client-secret", () -> HallEnv.require("ONEHALL_CATALOG_CLIENT_SECRET"));
    }

    @Test
    void inAUsersRequestThePeerSeesTheUser() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/feign-test/relay"))
                .header("Authorization", "Bearer " + Tokens.user("zhangsan")).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> seen = JsonMapper.builder().build().readValue(response.body(), Map.class);
        assertThat(seen.get("username")).isEqualTo("zhangsan");
        assertThat(seen.get("holderType")).isEqualTo("NATURAL_PERSON");
    }

    @Test
    void theTraceFollowsTheCallToThePeer() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/feign-test/relay-trace"))
                .header("Authorization", "Bearer " + Tokens.user("zhangsan")).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        Map<?, ?> ids = JsonMapper.builder().build().readValue(response.body(), Map.class);
        assertThat(ids.get("caller")).isNotEqualTo("null");
        assertThat(ids.get("peer")).isEqualTo(ids.get("caller"));
    }

    @Test
    void inBackgroundWorkThePeerSeesThisService() {
        Map<String, Object> seen = peer.whoami();
        assertThat(seen.get("username")).isEqualTo("service-account-catalog-service");
        assertThat(seen.get("clientId")).isEqualTo("catalog-service");
    }

    @Test
    void aDeadPeerOpensTheCircuit() {
        Throwable last = null;
        for (int i = 0; i < 30 && !(rootCause(last) instanceof CallNotPermittedException); i++) {
            last = catchThrowable(deadPeer::anything);
            assertThat(last).isNotNull();
        }
        assertThat(rootCause(last)).isInstanceOf(CallNotPermittedException.class);
    }

    private static Throwable rootCause(Throwable t) {
        while (t != null && t.getCause() != null && t.getCause() != t) {
            if (t instanceof CallNotPermittedException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
