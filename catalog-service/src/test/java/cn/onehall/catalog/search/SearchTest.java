package cn.onehall.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.catalog.CatalogIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Chinese search over the published items, kept current from the catalogue's own events. */
class SearchTest extends CatalogIntegrationTest {

    JsonNode search(String query) {
        return json(get("/api/catalog/search?" + query)).get("items");
    }

    static String q(String words) {
        return java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void namesRankFirstAndMatchesAreHighlighted() {
        JsonNode hits = search("q=" + q("结婚登记") + "&region=440781");
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).get("name").asString()).isEqualTo("结婚登记");
        assertThat(hits.get(0).get("regionCode").asString()).as("Taishan's, not Chaoan's").isEqualTo(TAISHAN);
        assertThat(hits.get(0).get("highlightedName").asString()).contains("<em>");
        assertThat(hits.toString()).doesNotContain("潮安");
    }

    @Test
    void keywordsSynonymsAndGuideTextMatchToo() {
        assertThat(search("q=" + q("开饭店") + "&region=440781").get(0).get("name").asString()).isEqualTo("食品经营许可");
        assertThat(search("q=" + q("领证") + "&region=440781").get(0).get("name").asString()).isEqualTo("结婚登记");
        JsonNode byText = search("q=" + q("公司章程") + "&region=440781");
        assertThat(byText.get(0).get("name").asString()).isEqualTo("企业设立登记");
        assertThat(byText.get(0).get("snippet").asString()).contains("<em>");
    }

    @Test
    void bigramsFindWhatTheWordCutterMisses() {
        // "婚登" is no word; its characters appear in order in 结婚登记 and 离婚登记, and in no other name
        JsonNode hits = search("q=" + q("婚登") + "&region=440781");
        assertThat(hits.toString()).contains("\"结婚登记\"", "\"离婚登记\"");
        assertThat(hits.get(0).get("highlightedName").asString()).contains("<em>");
    }

    @Test
    void filtersNarrowTheHitsAndUpperLevelsCount() {
        JsonNode licences = search("q=" + q("许可") + "&region=440781&serviceObject=LEGAL_PERSON&limit=50");
        assertThat(licences.toString()).contains("食品经营许可", "药品零售企业许可");
        assertThat(search("q=" + q("许可") + "&region=440781&department=" + RESOURCES).toString())
                .contains("建设工程规划许可").doesNotContain("食品经营许可");
        assertThat(search("q=" + q("登记") + "&region=440781&visits=0&limit=50").toString()).doesNotContain("\"结婚登记\"");
        assertThat(search("q=" + q("登记") + "&region=440781&theme=NP12").toString()).contains("结婚登记");
        assertThat(search("q=" + q("zzzz量子纠缠qqq") + "&region=440781")).isEmpty();
        assertThat(get("/api/catalog/search?region=440781").statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/search?q=x&region=999999").statusCode()).isIn(400, 422);
        assertThat(get("/api/catalog/search?q=" + q("x".repeat(51)) + "&region=440781").statusCode()).isEqualTo(400);
    }

    @Test
    void aPublishAndARevokeReachTheIndexThroughTheCataloguesOwnEvents() {
        Map<String, Object> g = guide("渔船登记测试事项", LocalDate.now());
        g.put("keywords", List.of("渔船"));
        String code = draftItem("渔船登记测试事项", g);
        assertThat(search("q=" + q("渔船") + "&region=440781").toString()).doesNotContain(code);
        publish(code, 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(search("q=" + q("渔船") + "&region=440781").toString()).contains(code));
        call("POST", "/api/catalog/admin/items/" + code + "/revoke", "catalog-admin-taishan", Map.of("reason", "测试撤销"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(search("q=" + q("渔船") + "&region=440781").toString()).doesNotContain(code));
    }
}
