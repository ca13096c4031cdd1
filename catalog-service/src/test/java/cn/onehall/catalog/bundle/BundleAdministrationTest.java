package cn.onehall.catalog.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onehall.catalog.CatalogIntegrationTest;
import cn.onehall.catalog.item.ItemCodes;
import tools.jackson.databind.JsonNode;

/** Bundles are published like items: draft, legality review by another admin, publish with its event, revoke. */
class BundleAdministrationTest extends CatalogIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    static final String MARRIAGE = ItemCodes.implementationCode("0400020100", TAISHAN, CIVIL);
    static final String HUKOU = ItemCodes.implementationCode("0400030200", TAISHAN, POLICE);

    Map<String, Object> draft(int limit, List<String> items) {
        return Map.of("name", "结婚落户一件事", "regionCode", TAISHAN, "description", "结婚登记后迁入户口", "itemCodes", items,
                "promisedLimit", Map.of("value", limit, "unit", "WORKING_DAYS"), "themes", List.of("NP12"));
    }

    @Test
    void aBundleIsDraftedReviewedByAnotherAdminPublishedAndRevoked() {
        String path = "/api/catalog/admin/bundles/B4407810002";
        assertThat(call("PUT", path, null, draft(10, List.of(MARRIAGE, HUKOU))).statusCode()).isEqualTo(401);
        assertThat(call("PUT", path, "catalog-admin-chaoan", draft(10, List.of(MARRIAGE, HUKOU))).statusCode()).isEqualTo(403);
        HttpResponse<String> saved = call("PUT", path, "catalog-admin-taishan", draft(10, List.of(MARRIAGE, HUKOU)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(get("/api/catalog/bundles/B4407810002").statusCode()).as("a draft is not public").isEqualTo(404);
        assertThat(call("POST", path + "/submit", "catalog-admin-taishan", null).statusCode()).isEqualTo(200);
        HttpResponse<String> self = call("POST", path + "/review", "catalog-admin-taishan", Map.of("decision", "APPROVE"));
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(json(self).get("code").asString()).isEqualTo("SELF_REVIEW");
        HttpResponse<String> approved = call("POST", path + "/review", "catalog-reviewer-taishan", Map.of("decision", "APPROVE", "opinion", "合法"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        JsonNode bundle = json(get("/api/catalog/bundles/B4407810002"));
        assertThat(bundle.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(bundle.get("version").asInt()).isEqualTo(1);
        assertThat(bundle.get("parallelDepartments").toString()).contains(CIVIL, POLICE);
        // 居民身份证 and 居民户口簿 are asked by both items: once each in the merged list
        assertThat(bundle.get("materials").toString().split("11440781MB2C00055T001", -1)).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.bundle-published' AND subject = 'B4407810002'")
                .query(Integer.class).single()).isEqualTo(1);

        assertThat(call("POST", path + "/revoke", "catalog-admin-chaoan", null).statusCode()).isEqualTo(403);
        assertThat(call("POST", path + "/revoke", "catalog-admin-taishan", null).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/catalog/bundles/B4407810002")).get("status").asString()).isEqualTo("REVOKED");
        assertThat(get("/api/catalog/bundles?region=440781").body()).doesNotContain("B4407810002");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.bundle-revoked' AND subject = 'B4407810002'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aBundleWithABadLimitOrUnpublishedItemsIsRefused() {
        String path = "/api/catalog/admin/bundles/B4407810003";
        assertThat(call("PUT", path, "catalog-admin-taishan", draft(10, List.of(MARRIAGE))).statusCode()).as("one item").isEqualTo(400);
        assertThat(call("PUT", path, "catalog-admin-taishan", Map.of("name", "<i>x</i>", "regionCode", TAISHAN, "itemCodes", List.of(MARRIAGE, HUKOU),
                "promisedLimit", Map.of("value", 3, "unit", "WORKING_DAYS"))).statusCode()).as("markup").isEqualTo(400);
        call("PUT", path, "catalog-admin-taishan", draft(100, List.of(MARRIAGE, HUKOU)));
        call("POST", path + "/submit", "catalog-admin-taishan", null);
        HttpResponse<String> tooLong = call("POST", path + "/review", "catalog-reviewer-taishan", Map.of("decision", "APPROVE"));
        assertThat(tooLong.statusCode()).as("limit above the sum of its items").isEqualTo(400);
        assertThat(json(tooLong).get("code").asString()).isEqualTo("BUNDLE_LIMIT");
        assertThat(get("/api/catalog/bundles/B4407810003").statusCode()).isEqualTo(404);
    }
}
