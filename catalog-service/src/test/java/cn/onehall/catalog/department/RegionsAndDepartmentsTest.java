package cn.onehall.catalog.department;

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

/** Regions and departments through the real HTTP stack, real MariaDB and real Keycloak tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegionsAndDepartmentsTest {

    static final String TAISHAN_MARKET = "11440781MB2C00012D";

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "catalog-departments");
    }

    HttpResponse<String> call(String method, String path, String user, Object body, Map<String, String> headers) {
        return new LocalApi(environment).call(method, path, user, body, headers);
    }

    HttpResponse<String> get(String path) {
        return new LocalApi(environment).get(path);
    }

    static JsonNode json(HttpResponse<String> r) {
        return LocalApi.json(r);
    }

    static Map<String, Object> draft(String creditCode, String name, String region) {
        return Map.of("creditCode", creditCode, "name", name, "regionCode", region, "phone", "0750-5520000");
    }

    @Test
    void theRegionTreeIsPublicAndCacheable() throws Exception {
        HttpResponse<String> roots = get("/api/catalog/regions");
        assertThat(roots.statusCode()).isEqualTo(200);
        assertThat(roots.body()).contains("440000", "广东省", "320000");
        assertThat(roots.headers().firstValue("Cache-Control").orElse("")).contains("public");
        JsonNode jiangmen = json(get("/api/catalog/regions/440700"));
        assertThat(jiangmen.get("children").toString()).contains("440781", "台山市");
        assertThat(jiangmen.get("level").asString()).isEqualTo("CITY");
        assertThat(get("/api/catalog/regions/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void departmentsOfARegionIncludeTheRegionsBelowItInKeysetPages() throws Exception {
        JsonNode all = json(get("/api/catalog/departments?region=440700&limit=200"));
        assertThat(all.get("items").toString()).contains(TAISHAN_MARKET, "江门市市场监督管理局").doesNotContain("潮安");
        JsonNode first = json(get("/api/catalog/departments?region=440700&limit=2"));
        String cursor = first.get("nextCursor").asString();
        JsonNode second = json(get("/api/catalog/departments?region=440700&limit=2&cursor=" + cursor));
        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items").get(0).get("creditCode").asString()).isGreaterThan(cursor);
        assertThat(get("/api/catalog/departments/" + TAISHAN_MARKET).headers().firstValue("ETag")).isPresent();
    }

    @Test
    void badRegionsAreClear() throws Exception {
        assertThat(get("/api/catalog/departments?region=abc").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("/api/catalog/departments?region=110000");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown).get("code").asString()).isEqualTo("UNKNOWN_REGION");
        assertThat(get("/api/catalog/departments").statusCode()).isEqualTo(400);
    }

    @Test
    void aCatalogAdminCreatesAndChangesDepartmentsOfItsOwnRegion() throws Exception {
        String code = "11440781MB2C0009XJ".substring(0, 17);
        code = code + cn.onehall.starter.codes.CreditCode.checkCharacter(code);
        HttpResponse<String> created = call("POST", "/api/catalog/departments", "catalog-admin-taishan",
                draft(code, "台山市文化广电旅游体育局", "440781"), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/catalog/departments/" + code);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");

        assertThat(call("POST", "/api/catalog/departments", "catalog-admin-taishan", draft(code, "台山市文旅局", "440781"), Map.of())
                .statusCode()).as("duplicate").isEqualTo(409);

        HttpResponse<String> changed = call("PUT", "/api/catalog/departments/" + code, "catalog-admin-taishan",
                draft(code, "台山市文化广电旅游体育局（改）", "440781"), Map.of("If-Match", "\"0\""));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(call("PUT", "/api/catalog/departments/" + code, "catalog-admin-taishan",
                draft(code, "并发的修改", "440781"), Map.of("If-Match", "\"0\"")).statusCode()).as("stale version").isEqualTo(409);
        assertThat(call("PUT", "/api/catalog/departments/" + code, "catalog-admin-taishan",
                draft(code, "没有版本", "440781"), Map.of()).statusCode()).as("no If-Match").isEqualTo(428);
        assertThat(json(get("/api/catalog/departments/" + code)).get("name").asString()).isEqualTo("台山市文化广电旅游体育局（改）");

        JsonNode audit = json(call("GET", "/api/catalog/audit?resourceType=department&resourceId=" + code, "supervisor-taishan", null, Map.of()));
        assertThat(audit.get("items").toString()).contains("department.create", "department.update", "catalog-admin-taishan");
    }

    @Test
    void badOrUnauthorisedWritesStoreNothing() throws Exception {
        String code17 = "11445103MB2E0009X";
        String code = code17 + cn.onehall.starter.codes.CreditCode.checkCharacter(code17);
        assertThat(call("POST", "/api/catalog/departments", "catalog-admin-taishan", draft(code, "潮安区文旅局", "445103"), Map.of())
                .statusCode()).as("outside the admin's region").isEqualTo(403);
        assertThat(call("POST", "/api/catalog/departments", "zhangsan", draft(code, "潮安区文旅局", "445103"), Map.of())
                .statusCode()).as("an applicant").isEqualTo(403);
        assertThat(call("POST", "/api/catalog/departments", null, draft(code, "潮安区文旅局", "445103"), Map.of())
                .statusCode()).as("no token").isEqualTo(401);

        HttpResponse<String> invalid = call("POST", "/api/catalog/departments", "platform-admin",
                Map.of("creditCode", code.substring(0, 17) + (code.endsWith("0") ? "1" : "0"), "name", "<script>x</script>", "regionCode", "445103"), Map.of());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("errors").toString()).contains("creditCode", "name");
        assertThat(get("/api/catalog/departments/" + code).statusCode()).isEqualTo(404);
    }
}
