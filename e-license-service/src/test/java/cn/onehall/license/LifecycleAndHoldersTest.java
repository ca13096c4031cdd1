package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onehall.license.licence.ExpiryJob;
import cn.onehall.starter.codes.LicenceIdentifier;
import tools.jackson.databind.JsonNode;

/** Suspend, resume, revoke, expire, re-issue; the holder's views, matches and use records; who may see what. */
class LifecycleAndHoldersTest extends LicenceTestBase {

    @Autowired
    ExpiryJob expiry;

    @Test
    void suspendResumeRevokeFollowTheRulesAndAreAnnounced() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        assertThat(json(post("/api/licenses/" + id + "/suspend", ADMIN, Map.of("reason", "整改期间"))).get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(json(anonymous("/api/licenses/public/status/" + id)).get("verdict").asString()).isEqualTo("SUSPENDED");
        assertThat(post("/api/licenses/" + id + "/suspend", ADMIN, Map.of("reason", "again")).statusCode()).isEqualTo(409);
        assertThat(json(post("/api/licenses/" + id + "/resume", ADMIN, Map.of())).get("status").asString()).isEqualTo("VALID");
        assertThat(post("/api/licenses/" + id + "/revoke", ADMIN, Map.of()).statusCode()).isEqualTo(400); // a reason is required
        HttpResponse<String> revoked = post("/api/licenses/" + id + "/revoke", ADMIN, Map.of("reason", "以欺骗手段取得"));
        assertThat(json(revoked).get("status").asString()).isEqualTo("REVOKED");
        assertThat(json(revoked).get("statusReason").asString()).isEqualTo("以欺骗手段取得");
        assertThat(post("/api/licenses/" + id + "/resume", ADMIN, Map.of()).statusCode()).isEqualTo(409);
        assertThat(post("/api/licenses/" + id + "/reissue", ADMIN, Map.of("reason", "x")).statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT type FROM outbox_event WHERE subject = ? ORDER BY seq").param(id).query(String.class).list())
                .containsExactly("cn.onehall.license.issued", "cn.onehall.license.suspended", "cn.onehall.license.resumed", "cn.onehall.license.revoked");
        // staff actions are audited
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE resource_id = ? ORDER BY seq").param(id).query(String.class).list())
                .contains("licence.issue", "licence.suspend", "licence.resume", "licence.revoke");
    }

    @Test
    void onlyLicenceAdminsOfTheRegionManageLicences() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        assertThat(post("/api/licenses/" + id + "/suspend", "taishan-foods", Map.of("reason", "x")).statusCode()).isEqualTo(403);
        assertThat(post("/api/licenses/" + id + "/revoke", "officer-market", Map.of("reason", "x")).statusCode()).isEqualTo(403);
        assertThat(post("/api/licenses/" + id + "/revoke", null, Map.of("reason", "x")).statusCode()).isEqualTo(401);
    }

    @Test
    void reissueRaisesTheVersionKeepsTheSerialAndTheHolderReadsTheWholeHistory() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        HttpResponse<String> r = post("/api/licenses/" + id + "/reissue", ADMIN, Map.of("reason", "经营场所变更",
                "data", Map.of("name", "台山美食有限公司", "address", "台山市新地址2号", "mainBusiness", "食品销售经营者")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode v2 = json(r);
        LicenceIdentifier before = LicenceIdentifier.parse(l.get("identifier").asString());
        LicenceIdentifier after = LicenceIdentifier.parse(v2.get("identifier").asString());
        assertThat(after.serial()).isEqualTo(before.serial());
        assertThat(after.version()).isEqualTo(2);
        assertThat(v2.get("licenceId").asString()).isNotEqualTo(id);
        assertThat(json(anonymous("/api/licenses/public/status/" + id)).get("verdict").asString()).isEqualTo("SUPERSEDED");
        assertThat(json(anonymous("/api/licenses/public/status/" + v2.get("licenceId").asString())).get("verdict").asString()).isEqualTo("VALID");

        JsonNode history = json(api.get("/api/licenses/" + v2.get("licenceId").asString() + "/history", "taishan-foods"));
        assertThat(history.get("versions").valueStream().map(v -> v.get("version").asInt()).toList()).containsExactly(1, 2);
        assertThat(history.get("events").valueStream().map(e -> e.get("action").asString()).toList())
                .containsExactly("ISSUED", "SUPERSEDED", "REISSUED");
        assertThat(api.get("/api/licenses/" + id + "/history", ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/licenses/" + id + "/history", "officer-market").statusCode()).isEqualTo(200); // the issuing department
        assertThat(api.get("/api/licenses/" + id + "/history", "zhangsan").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/licenses/" + id + "/history", "officer-civil").statusCode()).isEqualTo(404);
    }

    @Test
    void licencesPastTheirLastDayExpireOnSchedule() {
        HttpResponse<String> r = post("/api/licenses", ADMIN, Map.of("typeCode", FOOD_PERMIT, "holderType", "LEGAL_PERSON",
                "holderRef", TAISHAN_FOODS, "validFrom", "2020-01-01", "validUntil", "2024-12-31",
                "data", Map.of("name", "台山美食有限公司", "address", "台山市", "mainBusiness", "食品销售经营者")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get("licenceId").asString();
        // Already past its date, it never verifies as valid, even before the job ran
        assertThat(json(anonymous("/api/licenses/public/status/" + id)).get("verdict").asString()).isEqualTo("EXPIRED");
        expiry.run();
        assertThat(json(api.get("/api/licenses/" + id, "taishan-foods")).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE subject = ? AND type = 'cn.onehall.license.expired'").param(id)
                .query(Long.class).single()).isEqualTo(1);
        expiry.run(); // nothing twice
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE subject = ? AND type = 'cn.onehall.license.expired'").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void someoneElsesLicenceIs404AndMineShowsOnlyMine() {
        String zhangsansId = json(api.get("/api/licenses/mine", "zhangsan")).get("items").get(0).get("licenceId").asString();
        assertThat(api.get("/api/licenses/" + zhangsansId, "zhangsan").statusCode()).isEqualTo(200);
        HttpResponse<String> other = api.get("/api/licenses/" + zhangsansId, "lisi");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(ZHANGSAN_ID);
        assertThat(api.get("/api/licenses/" + zhangsansId, "taishan-foods").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/licenses/" + zhangsansId + "/uses", "lisi").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/licenses/" + zhangsansId, "officer-police").statusCode()).isEqualTo(200); // issuing department
        assertThat(api.get("/api/licenses/" + zhangsansId, "officer-market").statusCode()).isEqualTo(404);
        assertThat(json(api.get("/api/licenses/mine", "officer-market")).get("items")).isEmpty();
    }

    @Test
    void mineIsKeysetPaged() {
        for (int i = 0; i < 3; i++) {
            issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        }
        JsonNode first = json(api.get("/api/licenses/mine?limit=2", "taishan-foods"));
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = json(api.get("/api/licenses/mine?limit=2&cursor=" + cursor, "taishan-foods"));
        assertThat(second.get("items").get(0).get("licenceId").asString()).isNotIn(
                first.get("items").get(0).get("licenceId").asString(), first.get("items").get(1).get("licenceId").asString());
        assertThat(api.get("/api/licenses/mine?limit=0", "taishan-foods").statusCode()).isEqualTo(400);
    }

    @Test
    void matchesAnswerOnlyTheCallerHoldersValidLicences() {
        HttpResponse<String> r = post("/api/licenses/matches", "zhangsan", Map.of("typeCodes", List.of(ID_CARD, HOUSEHOLD, BUSINESS)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.valueStream().map(x -> x.get("typeCode").asString()).toList()).contains(ID_CARD, HOUSEHOLD).doesNotContain(BUSINESS);
        assertThat(m.get(0).has("licenceId")).isTrue();
        assertThat(m.get(0).has("identifier")).isTrue();
        assertThat(m.get(0).has("name")).isTrue();
        JsonNode foods = json(post("/api/licenses/matches", "taishan-foods", Map.of("typeCodes", List.of(ID_CARD, BUSINESS))));
        assertThat(foods.valueStream().map(x -> x.get("typeCode").asString()).toList()).contains(BUSINESS).doesNotContain(ID_CARD);
        assertThat(json(post("/api/licenses/matches", "officer-market", Map.of("typeCodes", List.of(BUSINESS))))).isEmpty();
        assertThat(post("/api/licenses/matches", "zhangsan", Map.of("typeCodes", List.of())).statusCode()).isEqualTo(400);
    }

    @Test
    void aCaseUsingALicenceLeavesAUseRecordTheHolderSees() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        Map<String, String> use = Map.of("caseNumber", "440781-20261204-000123", "departmentCode", "11440781MB2C00012D", "itemCode", "11440781MB2C00012D-FOOD-01");
        HttpResponse<String> r = post("/api/licenses/" + id + "/uses", "taishan-foods", use);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(post("/api/licenses/" + id + "/uses", "taishan-foods", use).statusCode()).isEqualTo(200); // a retry, not a second use
        JsonNode uses = json(api.get("/api/licenses/" + id + "/uses", "taishan-foods")).get("items");
        assertThat(uses).hasSize(1);
        assertThat(uses.get(0).get("caseNumber").asString()).isEqualTo("440781-20261204-000123");
        assertThat(uses.get(0).get("departmentCode").asString()).isEqualTo("11440781MB2C00012D");
        assertThat(uses.get(0).get("usedAt").asString()).isNotBlank();
        // not the caller's licence, or not valid: 404
        assertThat(post("/api/licenses/" + id + "/uses", "zhangsan", use).statusCode()).isEqualTo(404);
        assertThat(post("/api/licenses/" + id + "/suspend", ADMIN, Map.of("reason", "x")).statusCode()).isEqualTo(200);
        assertThat(post("/api/licenses/" + id + "/uses", "taishan-foods", Map.of("caseNumber", "440781-20261204-000124",
                "departmentCode", "11440781MB2C00012D", "itemCode", "X")).statusCode()).isEqualTo(404);
        assertThat(post("/api/licenses/" + id + "/uses", "taishan-foods", Map.of("caseNumber", "1", "departmentCode", "bad", "itemCode", "X"))
                .statusCode()).isIn(400, 404);
    }
}
