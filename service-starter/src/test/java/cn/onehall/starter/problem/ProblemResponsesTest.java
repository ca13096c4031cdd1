package cn.onehall.starter.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** Every failure is an RFC 9457 problem with a stable code and the trace id; a 500 leaks nothing. */
@SpringBootTest(classes = ProblemTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=problem-test", "onehall.area=problem-test", "onehall.db.schema=unused",
        "onehall.events.enabled=false", "onehall.public-paths[0]=/api/problem-test/public/**", "onehall.public-paths[1]=/api/problem-test/other-public/**",
        "onehall.public-posts[0]=/api/problem-test/public/submissions"})
class ProblemResponsesTest {

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "starter-problem");
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) {
        return new LocalApi(environment).call(method, path, "zhangsan", body, contentType == null ? Map.of() : Map.of("Content-Type", contentType));
    }

    JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = LocalApi.json(response);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("traceId").asString()).matches("[0-9a-f]{16,32}");
        return body;
    }

    @Test
    void invalidFieldsAreListed() throws Exception {
        JsonNode body = problem(send("POST", "/api/problem-test/items", "application/json", "{\"name\":\"\",\"code\":\"TOOLONG\"}"),
                400, "VALIDATION_FAILED");
        assertThat(body.get("errors").toString()).contains("\"field\":\"name\"").contains("\"field\":\"code\"");
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        problem(send("POST", "/api/problem-test/items", "application/json", "{\"name\":"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aParameterOfTheWrongTypeOrOutOfRangeIsA400() throws Exception {
        problem(send("GET", "/api/problem-test/items?limit=abc", null, null), 400, "VALIDATION_FAILED");
        problem(send("GET", "/api/problem-test/items?limit=1000", null, null), 400, "VALIDATION_FAILED");
    }

    @Test
    void aBusinessConflictKeepsItsCode() throws Exception {
        problem(send("GET", "/api/problem-test/conflict", null, null), 409, "CASE_STATE_CONFLICT");
    }

    @Test
    void aMissingRoleIsA403() throws Exception {
        problem(send("GET", "/api/problem-test/admin", null, null), 403, "FORBIDDEN");
    }

    @Test
    void wrongMethodAndMediaTypeAreClear() throws Exception {
        problem(send("DELETE", "/api/problem-test/items", null, null), 405, "METHOD_NOT_ALLOWED");
        problem(send("POST", "/api/problem-test/items", "text/plain", "name"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aPublicPathIsOpenForReadingOnly() {
        LocalApi api = new LocalApi(environment);
        assertThat(api.get("/api/problem-test/public/notice").statusCode()).isEqualTo(200);
        problem(api.call("POST", "/api/problem-test/public/notice", null, null, Map.of()), 401, "UNAUTHENTICATED");
    }

    @Test
    void aPublicPostIsOpenOnlyWhereListed() {
        LocalApi api = new LocalApi(environment);
        assertThat(api.call("POST", "/api/problem-test/public/submissions", null, null, Map.of()).statusCode()).isEqualTo(202);
        problem(api.call("PUT", "/api/problem-test/public/submissions", null, null, Map.of()), 401, "UNAUTHENTICATED");
        problem(api.call("POST", "/api/problem-test/public/submissions/1", null, null, Map.of()), 401, "UNAUTHENTICATED");
    }

    @Test
    void anUnexpectedFailureLeaksNothing() throws Exception {
        HttpResponse<String> response = send("GET", "/api/problem-test/boom", null, null);
        problem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret", "440781198803140029", "IllegalStateException", "at cn.");
    }
}
