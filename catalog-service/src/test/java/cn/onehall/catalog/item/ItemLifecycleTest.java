package cn.onehall.catalog.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onehall.catalog.CatalogIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Draft → legality review → published, versions, revocation, events, and who may do what. */
class ItemLifecycleTest extends CatalogIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anItemIsDraftedReviewedByAnotherAdminAndPublishedWithEveryContractField() {
        LocalDate today = LocalDate.now();
        String code = draftItem("餐饮服务许可（测试）", guide("餐饮服务许可（测试）", today));
        assertThat(ItemCodes.parse(code)).isEqualTo(new ItemCodes.Parts(code.substring(0, 10), TAISHAN, MARKET));
        assertThat(get("/api/catalog/items/" + code).statusCode()).as("a draft is not public").isEqualTo(404);

        HttpResponse<String> submitted = call("POST", "/api/catalog/admin/items/" + code + "/versions/1/submit", "catalog-admin-taishan", null);
        assertThat(json(submitted).get("state").asString()).isEqualTo("IN_REVIEW");
        HttpResponse<String> self = call("POST", "/api/catalog/admin/items/" + code + "/versions/1/review", "catalog-admin-taishan",
                Map.of("decision", "APPROVE"));
        assertThat(self.statusCode()).as("self-review").isEqualTo(403);
        assertThat(json(self).get("code").asString()).isEqualTo("SELF_REVIEW");
        HttpResponse<String> foreign = call("POST", "/api/catalog/admin/items/" + code + "/versions/1/review", "catalog-admin-chaoan",
                Map.of("decision", "APPROVE"));
        assertThat(foreign.statusCode()).as("another region's admin").isEqualTo(403);

        HttpResponse<String> approved = call("POST", "/api/catalog/admin/items/" + code + "/versions/1/review", "catalog-reviewer-taishan",
                Map.of("decision", "APPROVE", "opinion", "经合法性审查，符合规定"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("state").asString()).isEqualTo("PUBLISHED");

        HttpResponse<String> read = get("/api/catalog/items/" + code);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode g = json(read);
        for (String field : List.of("code", "basicCode", "name", "version", "status", "validFrom", "regionCode", "departmentCode", "departmentName",
                "powerType", "serviceObjects", "themes", "onlineDepth", "visits", "preReview", "legalLimit", "promisedLimit", "fee",
                "parallelDepartments", "requiredRealNameLevel", "materials", "legalBasis", "conditions", "processSteps", "places",
                "consultationPhone")) {
            assertThat(g.has(field)).as(field).isTrue();
        }
        assertThat(g.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(g.get("version").asInt()).isEqualTo(1);
        assertThat(g.get("departmentName").asString()).isEqualTo("台山市市场监督管理局");
        assertThat(g.get("powerType").asString()).isEqualTo("LICENSING");
        assertThat(g.get("legalLimit").get("unit").asString()).isEqualTo("WORKING_DAYS");
        assertThat(g.get("fee").get("amount").decimalValue()).isZero();
        JsonNode licence = g.get("materials").get(1);
        assertThat(licence.get("source").asString()).isEqualTo("LICENCE");
        assertThat(licence.get("licenceTypeCode").asString()).isEqualTo("11440781MB2C00012D001");
        assertThat(licence.get("mediaTypes").toString()).contains("application/pdf");

        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(read.headers().firstValue("Cache-Control").orElse("")).contains("public", "max-age");
        assertThat(call("GET", "/api/catalog/items/" + code, null, null, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

        // the event of the publication, in the outbox, in the contract's shape
        String payload = jdbc.sql("SELECT payload FROM outbox_event WHERE type = 'cn.onehall.catalog.item-published' AND subject = ?")
                .param(code).query(String.class).single();
        JsonNode data = json(new FakeResponse(payload));
        assertThat(data.get("itemCode").asString()).isEqualTo(code);
        assertThat(data.get("version").asInt()).isEqualTo(1);
        assertThat(data.get("regionCode").asString()).isEqualTo(TAISHAN);
        assertThat(data.get("departmentCode").asString()).isEqualTo(MARKET);
        assertThat(data.get("cursor").asString()).isNotBlank();

        JsonNode audit = json(call("GET", "/api/catalog/audit?resourceType=item&resourceId=" + code, "supervisor-taishan", null));
        assertThat(audit.get("items").toString()).contains("item.create", "item.version.submit", "item.version.publish", "catalog-reviewer-taishan");
    }

    @Test
    void aPublishedVersionNeverChangesAChangeIsANewVersionWithItsValidFrom() {
        LocalDate today = LocalDate.now();
        Map<String, Object> v1 = guide("食品小作坊登记（测试）", today);
        String code = draftItem("食品小作坊登记（测试）", v1);
        publish(code, 1);

        HttpResponse<String> edit = call("PUT", "/api/catalog/admin/items/" + code + "/versions/1", "catalog-admin-taishan", v1,
                Map.of("If-Match", "\"2\""));
        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(json(edit).get("code").asString()).isEqualTo("VERSION_NOT_EDITABLE");

        Map<String, Object> v2 = guide("食品小作坊登记（测试）", today.plusDays(30));
        v2.put("promisedLimit", Map.of("value", 5, "unit", "WORKING_DAYS"));
        HttpResponse<String> created = call("POST", "/api/catalog/admin/items/" + code + "/versions", "catalog-admin-taishan", v2);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("version").asInt()).isEqualTo(2);
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/versions", "catalog-admin-taishan", v2).statusCode())
                .as("one open version at a time").isEqualTo(409);

        // edit the draft with If-Match, then publish it
        v2.put("visits", 0);
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(call("PUT", "/api/catalog/admin/items/" + code + "/versions/2", "catalog-admin-taishan", v2, Map.of()).statusCode())
                .as("no If-Match").isEqualTo(428);
        HttpResponse<String> edited = call("PUT", "/api/catalog/admin/items/" + code + "/versions/2", "catalog-admin-taishan", v2, Map.of("If-Match", etag));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(call("PUT", "/api/catalog/admin/items/" + code + "/versions/2", "catalog-admin-taishan", v2, Map.of("If-Match", etag)).statusCode())
                .as("stale If-Match").isEqualTo(409);
        publish(code, 2);

        assertThat(json(get("/api/catalog/items/" + code)).get("version").asInt()).as("v2 is valid only from its date").isEqualTo(1);
        JsonNode later = json(get("/api/catalog/items/" + code + "?at=" + today.plusDays(30)));
        assertThat(later.get("version").asInt()).isEqualTo(2);
        assertThat(later.get("promisedLimit").get("value").asInt()).isEqualTo(5);
        assertThat(later.get("visits").asInt()).isZero();
        assertThat(json(get("/api/catalog/items/" + code + "?at=" + today.plusDays(29))).get("version").asInt()).isEqualTo(1);
        assertThat(get("/api/catalog/items/" + code + "?at=" + today.minusDays(1)).statusCode()).as("before any version").isEqualTo(404);
        assertThat(json(get("/api/catalog/items/" + code + "/versions/1")).get("promisedLimit").get("value").asInt()).isEqualTo(10);
        assertThat(get("/api/catalog/items/" + code + "/versions/3").statusCode()).isEqualTo(404);
    }

    @Test
    void aRejectedDraftGoesBackWithTheOpinion() {
        String code = draftItem("退回测试事项", guide("退回测试事项", LocalDate.now()));
        call("POST", "/api/catalog/admin/items/" + code + "/versions/1/submit", "catalog-admin-taishan", null);
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/versions/1/review", "catalog-reviewer-taishan",
                Map.of("decision", "REJECT")).statusCode()).as("opinion required").isEqualTo(400);
        HttpResponse<String> rejected = call("POST", "/api/catalog/admin/items/" + code + "/versions/1/review", "catalog-reviewer-taishan",
                Map.of("decision", "REJECT", "opinion", "设定依据不充分"));
        assertThat(json(rejected).get("state").asString()).isEqualTo("DRAFT");
        assertThat(json(rejected).get("reviewOpinion").asString()).isEqualTo("设定依据不充分");
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/versions/1/review", "catalog-reviewer-taishan",
                Map.of("decision", "APPROVE")).statusCode()).as("not in review").isEqualTo(409);
    }

    @Test
    void aRevokedItemLeavesListsButStaysReadableForOldCases() {
        String code = draftItem("撤销测试事项", guide("撤销测试事项", LocalDate.now()));
        publish(code, 1);
        assertThat(get("/api/catalog/items?region=440781&limit=200").body()).contains(code);
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/revoke", "catalog-admin-chaoan", Map.of("reason", "x")).statusCode())
                .as("another region's admin").isEqualTo(403);
        HttpResponse<String> revoked = call("POST", "/api/catalog/admin/items/" + code + "/revoke", "catalog-admin-taishan",
                Map.of("reason", "法律依据废止"));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(get("/api/catalog/items/" + code)).get("status").asString()).isEqualTo("REVOKED");
        assertThat(json(get("/api/catalog/items/" + code + "/versions/1")).get("status").asString()).isEqualTo("REVOKED");
        assertThat(get("/api/catalog/items?region=440781&limit=200").body()).doesNotContain(code);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.item-revoked' AND subject = ?")
                .param(code).query(Integer.class).single()).isEqualTo(1);
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/revoke", "catalog-admin-taishan", Map.of("reason", "again")).statusCode())
                .isEqualTo(409);
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/versions", "catalog-admin-taishan",
                guide("撤销测试事项", LocalDate.now().plusDays(3))).statusCode()).isEqualTo(409);
        JsonNode changes = json(get("/api/catalog/changes?limit=1000"));
        assertThat(changes.get("items").toString()).contains("ITEM_REVOKED", code);
    }

    @Test
    void onlyTheRegionsOwnCatalogueAdminsWriteAndNobodyAnonymously() {
        Map<String, Object> g = guide("权限测试事项", LocalDate.now());
        String basic = freshBasicCode("01");
        assertThat(call("POST", "/api/catalog/admin/basic-items", "catalog-admin-taishan",
                Map.of("code", basic, "name", "权限测试事项", "powerType", "LICENSING", "legalBasis", "依据")).statusCode()).isEqualTo(201);
        Map<String, Object> request = Map.of("basicCode", basic, "regionCode", TAISHAN, "departmentCode", MARKET, "guide", g);
        assertThat(call("POST", "/api/catalog/admin/items", null, request).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(call("POST", "/api/catalog/admin/items", "zhangsan", request).statusCode()).as("applicant").isEqualTo(403);
        assertThat(call("POST", "/api/catalog/admin/items", "officer-market", request).statusCode()).as("officer").isEqualTo(403);
        assertThat(call("POST", "/api/catalog/admin/items", "catalog-admin-chaoan", request).statusCode()).as("Chaoan admin").isEqualTo(403);
        assertThat(call("POST", "/api/catalog/items", "catalog-admin-taishan", request).statusCode()).as("no writes on the public path")
                .isIn(404, 405);

        HttpResponse<String> first = call("POST", "/api/catalog/admin/items", "catalog-admin-taishan", request, Map.of("Idempotency-Key", "k-" + basic));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String code = json(first).get("code").asString();
        HttpResponse<String> again = call("POST", "/api/catalog/admin/items", "catalog-admin-taishan", request, Map.of("Idempotency-Key", "k-" + basic));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).get("code").asString()).isEqualTo(code);
        assertThat(call("POST", "/api/catalog/admin/items", "catalog-admin-taishan", request).statusCode()).as("duplicate code").isEqualTo(409);

        assertThat(call("GET", "/api/catalog/admin/items/" + code, "catalog-admin-chaoan", null).statusCode())
                .as("another region's drafts do not exist for it").isEqualTo(404);
        assertThat(call("GET", "/api/catalog/admin/items/" + code, "catalog-reviewer-taishan", null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/catalog/admin/items/" + code + "/versions/1/submit", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsAClearProblemAndStoresNothing() {
        String basic = freshBasicCode("01");
        assertThat(call("POST", "/api/catalog/admin/basic-items", "catalog-admin-taishan",
                Map.of("code", "0400000001", "name", "错型", "powerType", "LICENSING", "legalBasis", "依据")).statusCode())
                .as("basic code of another power type").isEqualTo(400);
        call("POST", "/api/catalog/admin/basic-items", "catalog-admin-taishan",
                Map.of("code", basic, "name", "坏输入事项", "powerType", "LICENSING", "legalBasis", "依据"));

        Map<String, Object> g = guide("<script>alert(1)</script>", LocalDate.now());
        g.put("themes", List.of("NP99", "NP12"));
        g.put("onlineDepth", 7);
        g.put("promisedLimit", Map.of("value", 30, "unit", "WORKING_DAYS"));
        HttpResponse<String> bad = call("POST", "/api/catalog/admin/items", "catalog-admin-taishan",
                Map.of("basicCode", basic, "regionCode", TAISHAN, "departmentCode", MARKET, "guide", g));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(json(bad).get("errors").toString()).contains("name", "onlineDepth");

        Map<String, Object> rules = guide("规则错误事项", LocalDate.now());
        rules.put("themes", List.of("NP99", "NP12"));
        rules.put("promisedLimit", Map.of("value", 30, "unit", "WORKING_DAYS"));
        rules.put("materials", List.of(material("M01", "营业执照", "LICENCE", null), material("M01", "申请书", "UPLOAD", null)));
        rules.put("parallelDepartments", List.of(RESOURCES, POLICE));
        HttpResponse<String> broken = call("POST", "/api/catalog/admin/items", "catalog-admin-taishan",
                Map.of("basicCode", basic, "regionCode", TAISHAN, "departmentCode", MARKET, "guide", rules));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("errors").toString()).contains("themes", "NP99", "NP12", "promisedLimit", "licenceTypeCode",
                "materials[1].code", "parallelDepartments");

        String wrongCheck = MARKET.substring(0, 17) + (MARKET.endsWith("D") ? "E" : "D");
        assertThat(call("POST", "/api/catalog/admin/items", "catalog-admin-taishan",
                Map.of("basicCode", basic, "regionCode", TAISHAN, "departmentCode", wrongCheck, "guide", guide("x", LocalDate.now()))).statusCode())
                .as("mis-checked credit code").isEqualTo(400);
        assertThat(call("POST", "/api/catalog/admin/items", "catalog-admin-taishan",
                Map.of("basicCode", basic, "regionCode", "440799", "departmentCode", MARKET, "guide", guide("x", LocalDate.now()))).statusCode())
                .as("unknown region").isEqualTo(422);
        assertThat(call("POST", "/api/catalog/admin/items", "catalog-admin-taishan",
                Map.of("basicCode", "0100000009", "regionCode", TAISHAN, "departmentCode", MARKET, "guide", guide("x", LocalDate.now()))).statusCode())
                .as("unknown basic item").isEqualTo(400);
        assertThat(call("POST", "/api/catalog/admin/items", "catalog-admin-taishan", "{not json").statusCode()).isEqualTo(400);
        Map<String, Object> past = guide("过去的日期", LocalDate.now().minusDays(1));
        String pastCode = draftItem("过去的日期", past);
        call("POST", "/api/catalog/admin/items/" + pastCode + "/versions/1/submit", "catalog-admin-taishan", null);
        assertThat(call("POST", "/api/catalog/admin/items/" + pastCode + "/versions/1/review", "catalog-reviewer-taishan",
                Map.of("decision", "APPROVE")).statusCode()).as("validFrom in the past").isEqualTo(409);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM item WHERE basic_code = ?").param(basic).query(Integer.class).single()).isZero();
        assertThat(get("/api/catalog/items/0100012300440781" + MARKET + "Q").statusCode()).as("mis-checked item code").isEqualTo(400);
        assertThat(get("/api/catalog/items/abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/items?region=440781&theme=XX01").statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/items?region=440781&theme=NP98").statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/items?region=440799").statusCode()).isEqualTo(422);
        assertThat(get("/api/catalog/items").statusCode()).isEqualTo(400);
    }

    /** Lets a stored JSON string go through the same reader as responses. */
    record FakeResponse(String body) implements HttpResponse<String> {
        public int statusCode() { return 200; }
        public java.net.http.HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public java.net.URI uri() { return null; }
        public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
    }
}
