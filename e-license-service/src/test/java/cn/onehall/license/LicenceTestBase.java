package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** One application context for every licence test: real MariaDB (fresh schema), Redis and Keycloak tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "onehall.license.public-rate.limit=50", "onehall.license.public-rate.window=10s",
        "onehall.license.expiry-cron=-", "onehall.events.poll-interval=50ms", "onehall.events.min-idle=1s"})
abstract class LicenceTestBase {

    static final String ZHANGSAN_ID = "440781198803140029";
    static final String TAISHAN_FOODS = "91440781MA4W00001L";
    static final String LISI_ID = "440781199005151238";
    static final String ID_CARD = "11440781MB2C00055T001";
    static final String HOUSEHOLD = "11440781MB2C00055T002";
    static final String BUSINESS = "11440781MB2C00012D001";
    static final String FOOD_PERMIT = "11440781MB2C00012D003";
    static final String ADMIN = "license-admin-taishan";

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    LocalApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "e-license-service");
    }

    @Autowired
    void api(Environment environment) {
        this.api = new LocalApi(environment);
    }

    /** An anonymous public call from its own (documentation-range) client address, so the throttle of one test never hits another. */
    HttpResponse<String> anonymous(String path) {
        return api.call("GET", path, null, null, Map.of("X-Forwarded-For", randomClient()));
    }

    static String randomClient() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.18." + r.nextInt(256) + "." + r.nextInt(256);
    }

    HttpResponse<String> post(String path, String user, Object body) {
        return api.call("POST", path, user, body, Map.of());
    }

    JsonNode issueFoodPermit(String creditCode, String name) {
        HttpResponse<String> r = api.call("POST", "/api/licenses", ADMIN, Map.of("typeCode", FOOD_PERMIT, "holderType", "LEGAL_PERSON",
                "holderRef", creditCode, "data", Map.of("name", name, "address", "台山市台城街道1号", "mainBusiness", "食品销售经营者")),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return LocalApi.json(r);
    }

    JsonNode issueIdCard(String idNumber, String name) {
        HttpResponse<String> r = post("/api/licenses", ADMIN, Map.of("typeCode", ID_CARD, "holderType", "NATURAL_PERSON", "holderRef", idNumber,
                "data", Map.of("name", name, "gender", "男", "birthDate", "1990-05-15", "address", "台山市")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return LocalApi.json(r);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> r) {
        return LocalApi.json(r);
    }
}
