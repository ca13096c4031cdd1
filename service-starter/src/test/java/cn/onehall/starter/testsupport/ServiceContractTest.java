package cn.onehall.starter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every OneHall service promises, checked once here and run by each service against the real MariaDB,
 * Redis and Keycloak: whoami for users and machine clients, 401 problems for missing, tampered and foreign
 * tokens, 404 problems for unknown paths, readiness that includes the database and Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceContractTest {

    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    protected Environment environment;

    @Autowired
    protected JdbcClient jdbc;

    @Value("${onehall.area}")
    protected String area;

    @Value("${spring.application.name}")
    protected String service;

    /** Call from a {@code @DynamicPropertySource} in the subclass. */
    protected static void realInfrastructure(DynamicPropertyRegistry registry, String service) {
        TestSchema.register(registry, service);
        registry.add("onehall.client-secret", () -> HallEnv.get("ONEHALL_" + service.replace("-service", "").replace('-', '_').toUpperCase() + "_CLIENT_SECRET", ""));
    }

    protected String url(String path) {
        return "http://localhost:" + environment.getProperty("local.server.port") + path;
    }

    protected HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void whoamiShowsTheCallerAsThisServiceSeesIt() throws Exception {
        HttpResponse<String> response = get("/api/" + area + "/whoami", Tokens.user("officer-market"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("service").asString()).isEqualTo(service);
        assertThat(body.get("username").asString()).isEqualTo("officer-market");
        assertThat(body.get("roles").toString()).contains("officer");
        assertThat(body.get("region").asString()).isEqualTo("440781");
        assertThat(body.get("department").asString()).isEqualTo("11440781MB2C00012D");
    }

    @Test
    void whoamiServesMachineClientsWithTheirRegion() throws Exception {
        HttpResponse<String> response = get("/api/" + area + "/whoami", Tokens.client("county-taishan", "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("clientId").asString()).isEqualTo("county-taishan");
        assertThat(json(response).get("roles").toString()).contains("integration");
        assertThat(json(response).get("region").asString()).isEqualTo("440781");
    }

    @Test
    void noTokenIsA401Problem() throws Exception {
        HttpResponse<String> response = get("/api/" + area + "/whoami", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void tamperedTokenIsA401() throws Exception {
        String token = Tokens.user("zhangsan");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"applicant\"", "\"platform-admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(get("/api/" + area + "/whoami", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void garbageTokenIsA401() throws Exception {
        assertThat(get("/api/" + area + "/whoami", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathIsA404ProblemForAnAuthenticatedCaller() throws Exception {
        HttpResponse<String> response = get("/api/" + area + "/no-such-thing", Tokens.user("zhangsan"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void readinessIsUpWithDatabaseAndRedis() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void starterAndServiceMigrationsRanIntoTheirOwnHistories() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single()).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM starter_schema_history WHERE success = 1").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success = 1").query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void openApiDocsAreServedUnderTheArea() throws Exception {
        HttpResponse<String> response = get("/api/" + area + "/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/" + area + "/whoami");
    }
}
