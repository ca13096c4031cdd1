package cn.onehall.application;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import cn.onehall.starter.testsupport.HallEnv;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service with the real MariaDB, Redis and Keycloak; its peers (catalogue, licence library, identity) answer through
 * WireMock as docs/contracts.md describes them; the clock is the test's, so due dates walk through the 2026 National Day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.class)
public abstract class CaseTestSupport {

    public static final String MARKET = "11440781MB2C00012D";
    public static final String RESOURCES = "11440781MB2C000470";
    public static final String POLICE = "11440781MB2C00055T";
    public static final String ID_CARD_TYPE = "11440781MB2C00055T001";
    public static final String FOOD_LICENCE_TYPE = "11440781MB2C00012D003";
    /** Food business licence: pre-review, a form upload and the ID card from the licence library, issues a licence. */
    public static final String FOOD_ITEM = "11440781MB2C00012D4000100001";
    /** Construction-related item approved in parallel by market regulation, natural resources and public security. */
    public static final String PARALLEL_ITEM = "11440781MB2C00012D4000200001";
    public static final String L3_ITEM = "11440781MB2C00012D4000300001";
    public static final String REVOKED_ITEM = "11440781MB2C00012D4000400001";
    /** Bundle 开办餐饮店 (一件事): 企业设立登记 (lead, 1 day) + 食品经营许可 (5 days) + 消防安全检查 (public security, 3 days), 5 days together. */
    public static final String BUNDLE = "B4407810001";
    public static final String ESTABLISH_ITEM = "11440781MB2C00012D4000500001";
    public static final String FIRE_ITEM = "11440781MB2C00055T4000600001";
    public static final String BUSINESS_LICENCE_TYPE = "11440781MB2C00012D001";
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();

    protected static final WireMockServer PEERS = new WireMockServer(options().dynamicPort());
    static final Path STORAGE;

    static {
        PEERS.start();
        try {
            STORAGE = Files.createTempDirectory("onehall-materials-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        stubPeers();
    }

    @Autowired
    protected Environment environment;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    /** Every test starts on Wednesday 30 September 2026, the day before the National Day holidays. */
    @org.junit.jupiter.api.BeforeEach
    void resetClock() {
        clock.set("2026-09-30T10:00:00");
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "application-service");
        registry.add("onehall.client-secret", () -> HallEnv.get("ONEHALL_APPLICATION_CLIENT_SECRET", ""));
        registry.add("onehall.catalog-url", PEERS::baseUrl);
        registry.add("onehall.license-url", PEERS::baseUrl);
        registry.add("onehall.identity-url", PEERS::baseUrl);
        registry.add("onehall.applications.storage-dir", STORAGE::toString);
        registry.add("onehall.applications.public-progress.per-minute", () -> "20");
    }

    static void stubPeers() {
        PEERS.stubFor(get(urlEqualTo("/api/catalog/calendar/2026")).willReturn(okJson(calendar2026())));
        PEERS.stubFor(get(urlPathMatching("/api/catalog/calendar/\\d{4}")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"code\":\"CALENDAR_YEAR_MISSING\"}")));
        guide(FOOD_ITEM, 3, "PUBLISHED", "食品经营许可", true, List.of(), FOOD_LICENCE_TYPE, "L1", 5);
        guide(PARALLEL_ITEM, 1, "PUBLISHED", "建设项目联合审批", false, List.of(MARKET, RESOURCES, POLICE), null, "L1", 1);
        guide(L3_ITEM, 1, "PUBLISHED", "高等级实名事项", false, List.of(), null, "L3", 5);
        guide(REVOKED_ITEM, 2, "REVOKED", "已取消事项", false, List.of(), null, "L1", 5);
        guide(ESTABLISH_ITEM, 2, "PUBLISHED", "企业设立登记", false, List.of(), BUSINESS_LICENCE_TYPE, "L1", 1);
        guide(FIRE_ITEM, 1, "PUBLISHED", "公众聚集场所投入使用、营业前消防安全检查", false, List.of(), null, "L1", 3);
        PEERS.stubFor(get(urlEqualTo("/api/catalog/bundles/" + BUNDLE)).willReturn(okJson(bundle())));
        PEERS.stubFor(get(urlPathMatching("/api/catalog/bundles/[^/]+")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"code\":\"NOT_FOUND\"}")));
        PEERS.stubFor(get(urlPathMatching("/api/catalog/items/[^/]+")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"code\":\"NOT_FOUND\"}")));
        // zhangsan's licence library holds an ID card; its use is recorded, any other licence id is not theirs.
        PEERS.stubFor(post(urlEqualTo("/api/licenses/matches")).willReturn(okJson("""
                [{"typeCode":"%s","licenceId":"LIC-ZS-IDCARD","identifier":"1.2.156.3005.2.%s.11440781MB2C00055T.20260000001.001.X",
                  "name":"居民身份证","validUntil":"2036-01-01"}]""".formatted(ID_CARD_TYPE, ID_CARD_TYPE))));
        PEERS.stubFor(post(urlEqualTo("/api/licenses/LIC-ZS-IDCARD/uses")).withRequestBody(matchingJsonPath("$.caseNumber"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":\"use-1\"}")));
        PEERS.stubFor(post(urlPathMatching("/api/licenses/[^/]+/uses")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"code\":\"NOT_FOUND\"}")));
        PEERS.stubFor(get(urlEqualTo("/api/identity/me/real-name-level")).willReturn(okJson("{\"level\":\"L2\"}")));
    }

    static void guide(String code, int version, String status, String name, boolean preReview, List<String> parallel, String issues,
                      String realName, int promisedDays) {
        ObjectNode g = LocalApi.JSON.createObjectNode();
        g.put("code", code).put("basicCode", "000" + code.substring(18, 22)).put("name", name).put("version", version).put("status", status)
                .put("validFrom", "2026-01-01").put("regionCode", "440781").put("departmentCode", code.substring(0, 18))
                .put("departmentName", code.startsWith(POLICE) ? "台山市公安局" : "台山市市场监督管理局").put("powerType", "LICENSING").put("onlineDepth", 4).put("visits", 0)
                .put("preReview", preReview).put("issuesLicenceType", issues).put("requiredRealNameLevel", realName);
        g.putArray("serviceObjects").add("NATURAL_PERSON").add("LEGAL_PERSON");
        g.putArray("themes");
        g.putObject("legalLimit").put("value", 20).put("unit", "WORKING_DAYS");
        g.putObject("promisedLimit").put("value", promisedDays).put("unit", "WORKING_DAYS");
        g.putObject("fee").put("amount", 0).put("basis", "不收费");
        ArrayNode p = g.putArray("parallelDepartments");
        parallel.forEach(p::add);
        ArrayNode m = g.putArray("materials");
        m.addObject().put("code", "APPLICATION-FORM").put("name", "申请书").put("required", true).put("copies", 1).put("source", "UPLOAD")
                .put("maxSizeMb", 1).putArray("mediaTypes").add("application/pdf").add("image/jpeg");
        if (code.equals(FOOD_ITEM) || code.equals(ESTABLISH_ITEM) || code.equals(FIRE_ITEM)) {
            m.addObject().put("code", code.equals(FIRE_ITEM) ? "FZR-SFZ" : "ID-CARD").put("name", "居民身份证").put("required", true).put("copies", 1).put("source", "LICENCE")
                    .put("licenceTypeCode", ID_CARD_TYPE);
        }
        if (code.equals(FOOD_ITEM)) {
            m.addObject().put("code", "PREMISES").put("name", "经营场所证明").put("required", false).put("copies", 1).put("source", "SHARED");
        }
        String body = LocalApi.JSON.writeValueAsString(g);
        PEERS.stubFor(get(urlEqualTo("/api/catalog/items/" + code)).willReturn(okJson(body)));
        PEERS.stubFor(get(urlEqualTo("/api/catalog/items/" + code + "/versions/" + version)).willReturn(okJson(body)));
    }

    /**
     * {@code GET /api/catalog/bundles/B4407810001} exactly as catalog-service serves it (its {@code Bundle} record, nulls left
     * out by the starter's Jackson default): the items at the versions the bundle was published with, the merged materials
     * (the application form by name and the ID card by licence type, each asked once, {@code usedBy} every item's own
     * material), the combined limit and the parallel departments (each item's department, in item order).
     */
    static String bundle() {
        String form = "[{\"itemCode\":\"%1$s\",\"materialCode\":\"APPLICATION-FORM\"},{\"itemCode\":\"%2$s\",\"materialCode\":\"APPLICATION-FORM\"},"
                + "{\"itemCode\":\"%3$s\",\"materialCode\":\"APPLICATION-FORM\"}]";
        return """
                {"code":"B4407810001","name":"开办餐饮店","regionCode":"440781","status":"PUBLISHED","version":1,
                 "description":"开办一家餐饮店：企业设立登记、食品经营许可和消防安全检查一次申请、并联办理",
                 "itemCodes":["%1$s","%2$s","%3$s"],
                 "items":[
                  {"code":"%1$s","name":"企业设立登记","version":2,"departmentCode":"%4$s","promisedLimit":{"value":1,"unit":"WORKING_DAYS"},
                   "issuesLicenceType":"%6$s"},
                  {"code":"%2$s","name":"食品经营许可","version":3,"departmentCode":"%4$s","promisedLimit":{"value":5,"unit":"WORKING_DAYS"},
                   "issuesLicenceType":"%7$s"},
                  {"code":"%3$s","name":"公众聚集场所投入使用、营业前消防安全检查","version":1,"departmentCode":"%5$s",
                   "promisedLimit":{"value":3,"unit":"WORKING_DAYS"}}],
                 "materials":[
                  {"code":"BM01","name":"申请书","required":true,"copies":1,"source":"UPLOAD","usedBy":%9$s},
                  {"code":"BM02","name":"居民身份证","required":true,"copies":1,"source":"LICENCE","licenceTypeCode":"%8$s",
                   "usedBy":[{"itemCode":"%1$s","materialCode":"ID-CARD"},{"itemCode":"%2$s","materialCode":"ID-CARD"},
                             {"itemCode":"%3$s","materialCode":"FZR-SFZ"}]},
                  {"code":"BM03","name":"经营场所证明","required":false,"copies":1,"source":"SHARED","usedBy":[{"itemCode":"%2$s","materialCode":"PREMISES"}]}],
                 "promisedLimit":{"value":5,"unit":"WORKING_DAYS"},
                 "parallelDepartments":["%4$s","%5$s"],
                 "themes":["LP01","LP02"]}
                """.formatted(ESTABLISH_ITEM, FOOD_ITEM, FIRE_ITEM, MARKET, POLICE, BUSINESS_LICENCE_TYPE, FOOD_LICENCE_TYPE, ID_CARD_TYPE,
                form.formatted(ESTABLISH_ITEM, FOOD_ITEM, FIRE_ITEM));
    }

    /** The catalogue's 2026 seed in the shape of its public API (what the starter's calendar client reads). */
    static String calendar2026() {
        try {
            JsonNode seed = LocalApi.JSON.readTree(HallEnv.root().resolve("catalog-service/src/main/resources/calendar/calendar-2026.json").toFile());
            ObjectNode api = LocalApi.JSON.createObjectNode();
            api.put("year", 2026).put("source", seed.get("source").asString()).put("version", 1).put("loadedAt", "2026-01-01T00:00:00Z");
            api.set("daysOff", seed.get("daysOff"));
            ArrayNode makeUp = api.putArray("makeUpWorkingDays");
            seed.get("makeUpWorkingDays").forEach(d -> makeUp.addObject().put("date", d.isString() ? d.asString() : d.get("date").asString())
                    .put("name", "调休上班"));
            return LocalApi.JSON.writeValueAsString(api);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the catalogue's 2026 calendar", e);
        }
    }

    // ---- calling the service ----

    protected LocalApi api() {
        return new LocalApi(environment);
    }

    protected HttpResponse<String> call(String method, String path, String user, Object body) {
        return api().call(method, path, user, body, Map.of());
    }

    protected HttpResponse<String> call(String method, String path, String user, Object body, Map<String, String> headers) {
        return api().call(method, path, user, body, headers);
    }

    protected static JsonNode json(HttpResponse<String> r) {
        return LocalApi.json(r);
    }

    protected long draft(String user, String itemCode) {
        HttpResponse<String> r = call("POST", "/api/applications/drafts", user, Map.of("itemCode", itemCode, "applicantName", "张三",
                "contactPhone", "13800138000", "form", Map.of("businessScope", "预包装食品销售")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asLong();
    }

    protected HttpResponse<String> upload(String user, long draft, String material, String fileName, String type, byte[] content) {
        String boundary = "----onehall" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                + type + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + environment.getProperty("local.server.port")
                        + "/api/applications/drafts/" + draft + "/materials/" + material))
                .header("Authorization", "Bearer " + cn.onehall.starter.testsupport.Tokens.user(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> submit(String user, long draft, String key) {
        Map<String, String> headers = new HashMap<>();
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return call("POST", "/api/applications/drafts/" + draft + "/submission", user, null, headers);
    }

    /** A submitted case of the given item, ready for the officers: its receipt. */
    protected JsonNode submitted(String user, String itemCode) {
        long d = draft(user, itemCode);
        assertThat(upload(user, d, "APPLICATION-FORM", "申请书.pdf", "application/pdf", PDF).statusCode()).isEqualTo(201);
        HttpResponse<String> r = submit(user, d, UUID.randomUUID().toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    protected JsonNode caseAs(String user, String caseNumber) {
        HttpResponse<String> r = call("GET", "/api/applications/cases/" + caseNumber, user, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** An officer's act with If-Match of the case's current version. */
    protected HttpResponse<String> act(String user, String caseNumber, String act, Object body) {
        String etag = "\"" + caseAs(user, caseNumber).get("version").asInt() + "\"";
        return call("POST", "/api/applications/cases/" + caseNumber + "/" + act, user, body, Map.of("If-Match", etag));
    }

    protected List<JsonNode> events(String caseNumber) {
        return jdbc.sql("SELECT payload FROM outbox_event WHERE subject = ? ORDER BY seq").param(caseNumber).query(String.class).list()
                .stream().map(LocalApi.JSON::readTree).toList();
    }

    protected List<String> eventTypes(String caseNumber) {
        return jdbc.sql("SELECT type FROM outbox_event WHERE subject = ? ORDER BY seq").param(caseNumber).query(String.class).list();
    }
}
