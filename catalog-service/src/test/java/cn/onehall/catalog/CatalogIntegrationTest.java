package cn.onehall.catalog;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/**
 * One Spring context for the catalogue's item tests (real MariaDB schema, real Redis with this run's own key prefix,
 * real Keycloak tokens), shared by the classes that extend it so it starts once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CatalogIntegrationTest {

    public static final String TAISHAN = "440781";
    public static final String MARKET = "11440781MB2C00012D";
    public static final String CIVIL = "11440781MB2C000208";
    public static final String RESOURCES = "11440781MB2C000470";
    public static final String POLICE = "11440781MB2C00055T";

    @Autowired
    protected Environment environment;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "catalog-items");
        registry.add("onehall.catalog.cache-prefix", () -> TestSchema.EVENT_STREAM_PREFIX.replace(":events:", ":catalog:"));
    }

    protected HttpResponse<String> call(String method, String path, String user, Object body) {
        return new LocalApi(environment).call(method, path, user, body, Map.of());
    }

    protected HttpResponse<String> call(String method, String path, String user, Object body, Map<String, String> headers) {
        return new LocalApi(environment).call(method, path, user, body, headers);
    }

    protected HttpResponse<String> get(String path) {
        return new LocalApi(environment).get(path);
    }

    protected static JsonNode json(HttpResponse<String> r) {
        return LocalApi.json(r);
    }

    /** A basic code no other test of this run uses, of the given power type (two digits). */
    protected static String freshBasicCode(String powerTypeDigits) {
        return powerTypeDigits + "9" + String.format("%07d", ThreadLocalRandom.current().nextInt(1, 9_999_999));
    }

    /** A complete, valid guide of a market regulation item; tests change what they need. */
    protected static Map<String, Object> guide(String name, LocalDate validFrom) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", name);
        g.put("validFrom", validFrom.toString());
        g.put("serviceObjects", List.of("LEGAL_PERSON"));
        g.put("themes", List.of("LP02"));
        g.put("onlineDepth", 4);
        g.put("visits", 1);
        g.put("preReview", true);
        g.put("legalLimit", Map.of("value", 20, "unit", "WORKING_DAYS"));
        g.put("promisedLimit", Map.of("value", 10, "unit", "WORKING_DAYS"));
        g.put("fee", Map.of("amount", 0, "basis", "不收费"));
        g.put("parallelDepartments", List.of());
        g.put("requiredRealNameLevel", "L1");
        List<Map<String, Object>> materials = new ArrayList<>();
        materials.add(material("M01", "申请书", "UPLOAD", null));
        materials.add(material("M02", "营业执照", "LICENCE", "11440781MB2C00012D001"));
        g.put("materials", materials);
        g.put("conditions", List.of("申请人已取得营业执照"));
        g.put("processSteps", List.of(Map.of("name", "申请", "description", "网上提交申请"), Map.of("name", "受理"), Map.of("name", "决定")));
        g.put("places", List.of(Map.of("name", "台山市政务服务中心", "address", "台山市台城", "hours", "工作日 9:00-12:00 14:30-17:30")));
        g.put("consultationPhone", "0750-5522315");
        g.put("keywords", List.of("测试"));
        g.put("synonyms", List.of());
        return g;
    }

    protected static Map<String, Object> material(String code, String name, String source, String licenceType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("required", true);
        m.put("copies", 1);
        m.put("source", source);
        if (licenceType != null) {
            m.put("licenceTypeCode", licenceType);
        }
        m.put("maxSizeMb", 10);
        m.put("mediaTypes", List.of("application/pdf", "image/jpeg"));
        return m;
    }

    /** Creates a basic item and an item of Taishan market regulation with the guide, as catalog-admin-taishan; its code. */
    protected String draftItem(String basicName, Map<String, Object> guide) {
        return draftItem(basicName, "01", MARKET, guide);
    }

    protected String draftItem(String basicName, String powerTypeDigits, String department, Map<String, Object> guide) {
        String basic = freshBasicCode(powerTypeDigits);
        String powerType = switch (powerTypeDigits) {
            case "01" -> "LICENSING";
            case "04" -> "CONFIRMATION";
            default -> "PUBLIC_SERVICE";
        };
        HttpResponse<String> b = call("POST", "/api/catalog/admin/basic-items", "catalog-admin-taishan",
                Map.of("code", basic, "name", basicName, "powerType", powerType, "legalBasis", "《中华人民共和国行政许可法》"));
        if (b.statusCode() != 201) {
            throw new AssertionError("basic item: " + b.body());
        }
        HttpResponse<String> created = call("POST", "/api/catalog/admin/items", "catalog-admin-taishan",
                Map.of("basicCode", basic, "regionCode", TAISHAN, "departmentCode", department, "guide", guide));
        if (created.statusCode() != 201) {
            throw new AssertionError("item: " + created.body());
        }
        return json(created).get("code").asString();
    }

    /** Submit by the editor, approve by the second Taishan catalogue admin. */
    protected void publish(String code, int version) {
        HttpResponse<String> submitted = call("POST", "/api/catalog/admin/items/" + code + "/versions/" + version + "/submit", "catalog-admin-taishan", null);
        if (submitted.statusCode() != 200) {
            throw new AssertionError("submit: " + submitted.body());
        }
        HttpResponse<String> reviewed = call("POST", "/api/catalog/admin/items/" + code + "/versions/" + version + "/review", "catalog-reviewer-taishan",
                Map.of("decision", "APPROVE", "opinion", "合法"));
        if (reviewed.statusCode() != 200) {
            throw new AssertionError("review: " + reviewed.body());
        }
    }
}
