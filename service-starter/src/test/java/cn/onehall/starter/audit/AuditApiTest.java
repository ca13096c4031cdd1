package cn.onehall.starter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.TestSchema;
import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/<area>/audit: who may read, what a supervisor's region lets them see, validation and keyset paging. */
@SpringBootTest(classes = AuditTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=" + AuditTestApp.SERVICE, "onehall.area=" + AuditTestApp.SERVICE, "onehall.db.schema=unused",
        "onehall.events.enabled=false"})
class AuditApiTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Environment environment;
    @Autowired
    AuditLog auditLog;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "starter-audit");
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode audit(String query, String user) throws Exception {
        HttpResponse<String> response = send("GET", "/api/audit-test/audit?" + query, Tokens.user(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
        return seqs;
    }

    static List<String> regions(JsonNode page) {
        List<String> regions = new ArrayList<>();
        page.get("items").forEach(item -> regions.add(item.path("actorRegion").asString(null)));
        return regions;
    }

    /** An officer of 江阴 (320282) acting in this service: a token's claims without a token round-trip. */
    void recordAsOfficerOf320282(String resourceId) {
        Jwt jwt = Jwt.withTokenValue("test").header("alg", "none").subject("officer-jiangyin").claim("preferred_username", "officer-jiangyin")
                .claim("azp", "onehall-dev").claim("region", "320282").claim("realm_access", Map.of("roles", List.of("officer")))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        try {
            auditLog.record("case.accept", "case", resourceId, Outcome.SUCCESS, Map.of("status", "ACCEPTED"));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aSupervisorSeesOwnRegionSubtreeAndThePlatformAdminSeesAll() throws Exception {
        String id = "C-" + UUID.randomUUID();
        assertThat(send("POST", "/api/audit-test/cases/" + id + "/accept", Tokens.user("officer-market")).statusCode()).isEqualTo(200);
        recordAsOfficerOf320282(id);
        auditLog.record("case.expire", "case", id, Outcome.SUCCESS, null); // system: no region

        JsonNode supervisor = audit("resourceType=case&resourceId=" + id, "supervisor-taishan");
        assertThat(regions(supervisor)).containsExactly("440781");
        assertThat(supervisor.get("items").get(0).get("actorUsername").asString()).isEqualTo("officer-market");
        assertThat(supervisor.has("nextCursor")).isFalse();

        JsonNode admin = audit("resourceType=case&resourceId=" + id, "platform-admin");
        assertThat(regions(admin)).containsExactly(null, "320282", "440781"); // newest first
        assertThat(admin.get("items").get(1).get("details").get("status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void filtersByActorActionAndTime() throws Exception {
        String id = "C-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        recordAsOfficerOf320282(id);
        auditLog.record("case.expire", "case", id, Outcome.SUCCESS, null);
        String base = "resourceType=case&resourceId=" + id;
        assertThat(regions(audit(base + "&actor=officer-jiangyin", "platform-admin"))).containsExactly("320282");
        assertThat(seqs(audit(base + "&action=case.expire", "platform-admin"))).hasSize(1);
        String from = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        assertThat(seqs(audit(base + "&from=" + from, "platform-admin"))).hasSize(2);
        assertThat(seqs(audit(base + "&to=" + from, "platform-admin"))).isEmpty();
    }

    @Test
    void onlySupervisorsAndPlatformAdminsMayRead() throws Exception {
        HttpResponse<String> applicant = send("GET", "/api/audit-test/audit", Tokens.user("zhangsan"));
        assertThat(applicant.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(applicant.body()).get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(send("GET", "/api/audit-test/audit", Tokens.user("officer-market")).statusCode()).isEqualTo(403);

        HttpResponse<String> anonymous = send("GET", "/api/audit-test/audit", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void badParametersAreValidationProblems() throws Exception {
        for (String query : List.of("limit=0", "limit=201", "limit=abc", "cursor=0", "cursor=x", "from=yesterday",
                "to=2026-13-01T00:00:00Z", "from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", "resourceId=C-1")) {
            HttpResponse<String> response = send("GET", "/api/audit-test/audit?" + query, Tokens.user("platform-admin"));
            assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("code").asString()).as(query).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void theEndpointIsDocumented() throws Exception {
        HttpResponse<String> docs = send("GET", "/api/audit-test/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(docs.body()).get("paths").has("/api/audit-test/audit")).isTrue();
        assertThat(docs.body()).contains("审计日志");
    }

    @Test
    void keysetPagesAreDisjointAndNewestFirst() throws Exception {
        String id = "C-" + UUID.randomUUID();
        List<Long> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recorded.add(auditLog.record("case.note", "case", id, Outcome.SUCCESS, Map.of("n", i)));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = audit("resourceType=case&resourceId=" + id + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), "platform-admin");
            List<Long> seqs = seqs(page);
            assertThat(seqs).hasSizeBetween(1, 2);
            seen.addAll(seqs);
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(new HashSet<>(seen)).hasSize(5);
        assertThat(seen).containsExactlyElementsOf(recorded.reversed());
    }
}
