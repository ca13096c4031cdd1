package cn.onehall.supervision.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.CatalogStub;
import cn.onehall.supervision.support.SupervisionTest;
import tools.jackson.databind.JsonNode;

/** Item measures count the catalogue's published items (read by REST on item-published), revoked ones leave them. */
class CatalogItemsTest extends SupervisionTest {

    static final String TOWN = "440781103";

    private static String guide(String code, int depth, int visits) {
        return """
                {"code":"%s","version":1,"status":"PUBLISHED","regionCode":"%s","departmentCode":"11440781MB2C00012D","powerType":"LICENSING",
                 "onlineDepth":%d,"visits":%d,"legalLimit":{"value":20,"unit":"WORKING_DAYS"},"promisedLimit":{"value":5,"unit":"WORKING_DAYS"},
                 "fee":{"amount":0,"basis":"不收费"},"issuesLicenceType":null,
                 "materials":[{"code":"M1","name":"申请书","required":true,"copies":1,"source":"UPLOAD"}]}""".formatted(code, TOWN, depth, visits);
    }

    private CloudEvent catalogEvent(String type, String code) {
        return stream().publishOn("catalog-service", type, code,
                Map.of("itemCode", code, "version", 1, "regionCode", TOWN, "departmentCode", "11440781MB2C00012D", "cursor", "1"));
    }

    private JsonNode measure(String code) {
        for (JsonNode m : json(get("/api/supervision/measures?region=" + TOWN + "&period=2026-08", "supervisor-taishan")).get("measures")) {
            if (m.get("code").asString().equals(code)) {
                return m;
            }
        }
        throw new AssertionError(code);
    }

    @Test
    void publishedItemsCountWithoutCasesAndRevokedOnesLeave() {
        String full = "CAT-FULL-" + System.nanoTime();
        String window = "CAT-WIN-" + System.nanoTime();
        CatalogStub.guide(full, 1, guide(full, 5, 0));
        CatalogStub.guide(window, 1, guide(window, 3, 2));
        catalogEvent("cn.onehall.catalog.item-published", full);
        awaitHandled(catalogEvent("cn.onehall.catalog.item-published", window));
        assertThat(measure("FULL_ONLINE_RATE").get("numerator").asLong()).isEqualTo(1);
        assertThat(measure("FULL_ONLINE_RATE").get("denominator").asLong()).isEqualTo(2);
        assertThat(measure("AT_MOST_ONE_VISIT_RATE").get("numerator").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT guide_complete FROM item_view WHERE item_code = ?").param(full).query(Boolean.class).single()).isTrue();

        // a case filed against the item does not override the catalogue's guide
        Map<String, Object> d = CaseEventsOnStream.data(caseNumber("CAT"), "SUBMITTED", "2026-08-03T09:00:00+08:00");
        d.put("regionCode", TOWN);
        d.put("itemCode", window);
        d.put("onlineDepth", 1);
        d.put("submittedAt", "2026-08-03T09:00:00+08:00");
        awaitHandled(stream().publish("submitted", new HashMap<>(d)));
        assertThat(jdbc.sql("SELECT online_depth FROM item_view WHERE item_code = ?").param(window).query(Integer.class).single()).isEqualTo(3);

        awaitHandled(catalogEvent("cn.onehall.catalog.item-revoked", window));
        assertThat(measure("FULL_ONLINE_RATE").get("denominator").asLong()).isEqualTo(1);
        assertThat(measure("FULL_ONLINE_RATE").get("value").asDouble()).isEqualTo(1.0);
    }
}
