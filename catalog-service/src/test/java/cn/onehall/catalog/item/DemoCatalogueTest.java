package cn.onehall.catalog.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onehall.catalog.CatalogIntegrationTest;
import tools.jackson.databind.JsonNode;

/** The demo catalogue other services rely on, the public list with its filters and pages, and the bundle. */
class DemoCatalogueTest extends CatalogIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoCatalogueSeed seed;

    Map<String, JsonNode> taishanByName() {
        Map<String, JsonNode> byName = new HashMap<>();
        json(get("/api/catalog/items?region=440781&limit=200")).get("items").forEach(i -> byName.putIfAbsent(i.get("name").asString(), i));
        return byName;
    }

    JsonNode guideOf(String name) {
        return json(get("/api/catalog/items/" + taishanByName().get(name).get("code").asString()));
    }

    @Test
    void theDemoItemsOfTaishanArePublishedWithTheLicenceTypesOfTheContract() {
        JsonNode food = guideOf("食品经营许可");
        assertThat(food.get("code").asString()).isEqualTo(ItemCodes.implementationCode("0100012300", TAISHAN, MARKET));
        assertThat(food.get("issuesLicenceType").asString()).isEqualTo("11440781MB2C00012D003");
        assertThat(food.get("materials").toString()).contains("\"licenceTypeCode\":\"11440781MB2C00012D001\"", "\"licenceTypeCode\":\"11440781MB2C00055T001\"");
        assertThat(guideOf("个体工商户登记").get("issuesLicenceType").asString()).isEqualTo("11440781MB2C00012D002");
        assertThat(guideOf("企业设立登记").get("issuesLicenceType").asString()).isEqualTo("11440781MB2C00012D001");
        assertThat(guideOf("结婚登记").get("issuesLicenceType").asString()).isEqualTo("11440781MB2C000208001");
        assertThat(guideOf("社会保障卡申领").get("issuesLicenceType").asString()).isEqualTo("11440781MB2C0003X3001");
        assertThat(guideOf("居民身份证换领").get("issuesLicenceType").asString()).isEqualTo("11440781MB2C00055T001");
        assertThat(guideOf("户口迁入登记").get("issuesLicenceType").asString()).isEqualTo("11440781MB2C00055T002");

        JsonNode planning = guideOf("建设工程规划许可");
        assertThat(planning.get("issuesLicenceType").asString()).isEqualTo("11440781MB2C000470001");
        assertThat(planning.get("parallelDepartments").toString()).contains(RESOURCES, POLICE);

        JsonNode employment = guideOf("就业登记");
        assertThat(employment.has("issuesLicenceType")).as("issues nothing").isFalse();
        employment.get("materials").forEach(m -> assertThat(m.get("source").asString()).isEqualTo("UPLOAD"));
        assertThat(guideOf("社会保障卡申领").get("requiredRealNameLevel").asString()).isEqualTo("L2");
        assertThat(food.get("requiredRealNameLevel").asString()).isEqualTo("L1");
    }

    @Test
    void aRegionListsWhatItsUpperLevelsPublishForItButNotOtherRegions() {
        Map<String, JsonNode> taishan = taishanByName();
        assertThat(taishan).containsKey("药品零售企业许可");
        assertThat(taishan.get("药品零售企业许可").get("regionCode").asString()).isEqualTo("440700");
        assertThat(taishan.get("结婚登记").get("regionCode").asString()).isEqualTo(TAISHAN);
        String chaoan = get("/api/catalog/items?region=445103&limit=200").body();
        assertThat(chaoan).contains("结婚登记", ItemCodes.implementationCode("0100012300", "445103", "11445103MB2E00013M"))
                .doesNotContain("药品零售企业许可", ItemCodes.implementationCode("0100012300", TAISHAN, MARKET));
        assertThat(get("/api/catalog/items?region=440700&limit=200").body()).contains("药品零售企业许可").doesNotContain("食品经营许可");
    }

    @Test
    void theListFiltersAndPagesByKeyset() {
        JsonNode zero = json(get("/api/catalog/items?region=440781&visits=0&limit=200")).get("items");
        assertThat(zero).isNotEmpty();
        zero.forEach(i -> assertThat(i.get("visits").asInt()).isZero());
        assertThat(zero.toString()).contains("个体工商户登记").doesNotContain("结婚登记");
        assertThat(get("/api/catalog/items?region=440781&visits=1&limit=200").body()).contains("结婚登记");
        assertThat(get("/api/catalog/items?region=440781&theme=NP12").body()).contains("结婚登记").doesNotContain("食品经营许可");
        assertThat(get("/api/catalog/items?region=440781&serviceObject=NATURAL_PERSON&limit=200").body()).contains("结婚登记").doesNotContain("食品经营许可");
        assertThat(get("/api/catalog/items?region=440781&department=" + CIVIL).body()).contains("结婚登记").doesNotContain("食品经营许可");
        assertThat(get("/api/catalog/items?region=440781&powerType=CONFIRMATION&limit=200").body()).contains("结婚登记").doesNotContain("食品经营许可");
        json(get("/api/catalog/items?region=440781&onlineDepth=5&limit=200")).get("items")
                .forEach(i -> assertThat(i.get("onlineDepth").asInt()).isEqualTo(5));

        List<String> all = new ArrayList<>();
        json(get("/api/catalog/items?region=440781&limit=200")).get("items").forEach(i -> all.add(i.get("code").asString()));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(get("/api/catalog/items?region=440781&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(i -> paged.add(i.get("code").asString()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void listsAnswer304UntilSomethingIsPublished() {
        HttpResponse<String> first = get("/api/catalog/items?region=440781&limit=200");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("public");
        assertThat(call("GET", "/api/catalog/items?region=440781&limit=200", null, null, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

        String code = draftItem("缓存失效测试事项", guide("缓存失效测试事项", LocalDate.now()));
        publish(code, 1);
        HttpResponse<String> after = call("GET", "/api/catalog/items?region=440781&limit=200", null, null, Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).as("a publish makes cached lists stale").isEqualTo(200);
        assertThat(after.body()).contains(code);
    }

    @Test
    void theBundleAsksEachMaterialOnceWithOneLimitAndParallelDepartments() {
        HttpResponse<String> response = get("/api/catalog/bundles/B4407810001");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bundle = json(response);
        assertThat(bundle.get("name").asString()).isEqualTo("开办餐饮店");
        assertThat(bundle.get("itemCodes")).hasSize(3);
        assertThat(bundle.get("itemCodes").toString()).contains(ItemCodes.implementationCode("0100012300", TAISHAN, MARKET));
        assertThat(bundle.get("promisedLimit").get("value").asInt()).isEqualTo(5);
        assertThat(bundle.get("parallelDepartments").toString()).contains(MARKET, POLICE);
        List<String> licenceTypes = new ArrayList<>();
        bundle.get("materials").forEach(m -> {
            if (m.hasNonNull("licenceTypeCode")) {
                licenceTypes.add(m.get("licenceTypeCode").asString());
            }
        });
        assertThat(licenceTypes).as("居民身份证 asked once").containsOnlyOnce("11440781MB2C00055T001");
        assertThat(licenceTypes).as("营业执照 comes out of the bundle's own 企业设立登记").doesNotContain("11440781MB2C00012D001");
        JsonNode id = null;
        for (JsonNode m : bundle.get("materials")) {
            if ("11440781MB2C00055T001".equals(m.path("licenceTypeCode").asString(null))) {
                id = m;
            }
        }
        assertThat(id.get("usedBy")).hasSize(3);
        assertThat(get("/api/catalog/bundles?region=440781").body()).contains("B4407810001");
        assertThat(get("/api/catalog/bundles/NOPE").statusCode()).isEqualTo(404);
        assertThat(get("/api/catalog/bundles/%3Cx%3E").statusCode()).isIn(400, 404);
    }

    @Test
    void theSeedIsIdempotentAndAnnouncedItsItems() throws Exception {
        int items = jdbc.sql("SELECT COUNT(*) FROM item").query(Integer.class).single();
        int events = jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.item-published'").query(Integer.class).single();
        seed.run(null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM item").query(Integer.class).single()).isEqualTo(items);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.item-published'").query(Integer.class).single())
                .isEqualTo(events);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.item-published' AND subject = ?")
                .param(ItemCodes.implementationCode("0400020100", TAISHAN, CIVIL)).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.catalog.bundle-published' AND subject = 'B4407810001'")
                .query(Integer.class).single()).isEqualTo(1);
    }
}
