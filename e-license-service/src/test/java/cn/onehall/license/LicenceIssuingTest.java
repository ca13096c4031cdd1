package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.codes.LicenceIdentifier;
import cn.onehall.starter.testsupport.LocalApi;
import tools.jackson.databind.JsonNode;

/** Licence types, keys, the demo library, issuing by an admin and bulk import. */
class LicenceIssuingTest extends LicenceTestBase {

    @Test
    void theEightLicenceTypesArePublicWithSchemaValidityHolderAndIssuer() {
        HttpResponse<String> r = anonymous("/api/licenses/types");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode types = json(r);
        assertThat(types).hasSize(8);
        JsonNode idCard = types.valueStream().filter(t -> t.get("code").asString().equals(ID_CARD)).findFirst().orElseThrow();
        assertThat(idCard.get("name").asString()).isEqualTo("居民身份证");
        assertThat(idCard.get("holderType").asString()).isEqualTo("NATURAL_PERSON");
        assertThat(idCard.get("departmentCode").asString()).isEqualTo("11440781MB2C00055T");
        assertThat(idCard.get("validityRule").asString()).isEqualTo("ID_CARD_BY_AGE");
        assertThat(idCard.get("fields").toString()).contains("\"name\":\"name\"", "\"required\":true");
        assertThat(anonymous("/api/licenses/types/" + BUSINESS).statusCode()).isEqualTo(200);
        assertThat(anonymous("/api/licenses/types/NOPE").statusCode()).isEqualTo(404);
    }

    @Test
    void everyIssuingDepartmentPublishesAnSm2Key() {
        JsonNode keys = json(anonymous("/api/licenses/public/keys")).get("keys");
        assertThat(keys.valueStream().map(k -> k.get("departmentCode").asString()).distinct().toList())
                .contains("11440781MB2C00055T", "11440781MB2C00012D", "11440781MB2C000208", "11440781MB2C0003X3", "11440781MB2C000470");
        JsonNode k = keys.get(0);
        assertThat(k.get("algorithm").asString()).isEqualTo("SM2-SM3");
        assertThat(k.get("signerId").asString()).isEqualTo("1234567812345678");
        assertThat(k.get("keyId").asString()).startsWith(k.get("departmentCode").asString() + "-");
        assertThat(k.has("privateKey")).isFalse();
        // The private keys are sealed at rest: no stored value parses as the raw 32-byte scalar.
        List<String> sealed = jdbc.sql("SELECT private_key FROM signing_key").query(String.class).list();
        assertThat(sealed).allSatisfy(s -> assertThat(java.util.Base64.getDecoder().decode(s).length).isGreaterThan(32 + 12));
    }

    @Test
    void theDemoLibraryHoldsZhangsansTwoAndTaishanFoodsOneLicence() {
        JsonNode zhangsan = json(api.get("/api/licenses/mine", "zhangsan")).get("items");
        assertThat(zhangsan.valueStream().map(l -> l.get("typeName").asString()).toList()).contains("居民身份证", "居民户口簿");
        assertThat(zhangsan.valueStream().allMatch(l -> l.get("holder").asString().equals("440781********0029"))).isTrue();
        JsonNode foods = json(api.get("/api/licenses/mine", "taishan-foods")).get("items");
        assertThat(foods.valueStream().map(l -> l.get("typeName").asString()).toList()).contains("营业执照");
        assertThat(foods.valueStream().map(l -> l.get("typeName").asString()).toList()).doesNotContain("居民身份证");
        // lisi holds none of theirs
        JsonNode lisi = json(api.get("/api/licenses/mine", "lisi")).get("items");
        assertThat(lisi.valueStream().map(l -> l.get("licenceId").asString()).toList())
                .doesNotContainAnyElementsOf(zhangsan.valueStream().map(l -> l.get("licenceId").asString()).toList());
        // The ID card of a person aged 28 on issue lasts 20 years
        JsonNode idCard = zhangsan.valueStream().filter(l -> l.get("typeCode").asString().equals(ID_CARD)).findFirst().orElseThrow();
        assertThat(idCard.get("validUntil").asString()).isEqualTo("2036-04-30");
    }

    @Test
    void anAdminIssuesASignedNumberedLicenceOncePerIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("typeCode", FOOD_PERMIT, "holderType", "LEGAL_PERSON", "holderRef", TAISHAN_FOODS,
                "data", Map.of("name", "台山美食有限公司", "address", "台山市舜德路8号", "mainBusiness", "食品销售经营者"));
        HttpResponse<String> first = api.call("POST", "/api/licenses", ADMIN, body, Map.of("Idempotency-Key", key));
        HttpResponse<String> again = api.call("POST", "/api/licenses", ADMIN, body, Map.of("Idempotency-Key", key));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        JsonNode l = json(first);
        assertThat(json(again).get("licenceId").asString()).isEqualTo(l.get("licenceId").asString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licence WHERE public_id = ?").param(l.get("licenceId").asString()).query(Long.class).single()).isEqualTo(1);

        LicenceIdentifier id = LicenceIdentifier.parse(l.get("identifier").asString()); // the check character is right
        assertThat(id.typeCode()).isEqualTo(FOOD_PERMIT);
        assertThat(id.issuerCreditCode()).isEqualTo("11440781MB2C00012D");
        assertThat(id.version()).isEqualTo(1);
        assertThat(id.serial()).matches("\\d{11}");
        assertThat(l.get("licenceId").asString()).matches("[0-9a-z]{26}");
        assertThat(l.get("validUntil").asString()).isEqualTo(java.time.LocalDate.parse(l.get("validFrom").asString()).plusYears(5).minusDays(1).toString());
        assertThat(l.get("keyId").asString()).startsWith("11440781MB2C00012D-");
        byte[] der = java.util.Base64.getDecoder().decode(l.get("signature").asString());
        assertThat(der[0]).isEqualTo((byte) 0x30); // DER SEQUENCE {r, s}

        // The same key with another body is refused
        Map<String, Object> other = Map.of("typeCode", FOOD_PERMIT, "holderType", "LEGAL_PERSON", "holderRef", TAISHAN_FOODS,
                "data", Map.of("name", "别的公司", "address", "台山市", "mainBusiness", "餐饮服务经营者"));
        assertThat(api.call("POST", "/api/licenses", ADMIN, other, Map.of("Idempotency-Key", key)).statusCode()).isEqualTo(422);

        // Announced per contracts.md
        JsonNode event = LocalApi.JSON.readTree(jdbc.sql("SELECT payload FROM outbox_event WHERE subject = ? AND type = 'cn.onehall.license.issued'")
                .param(l.get("licenceId").asString()).query(String.class).single());
        assertThat(event.get("identifier").asString()).isEqualTo(l.get("identifier").asString());
        assertThat(event.get("typeName").asString()).isEqualTo("食品经营许可证");
        assertThat(event.get("holderType").asString()).isEqualTo("LEGAL_PERSON");
        assertThat(event.get("departmentCode").asString()).isEqualTo("11440781MB2C00012D");
        assertThat(event.get("regionCode").asString()).isEqualTo("440781");
        assertThat(event.has("holderRef")).isFalse();
    }

    @Test
    void holderNumbersAndFieldsAreEncryptedAtRestAndFoundByBlindIndex() {
        JsonNode l = issueIdCard(LISI_ID, "李四");
        Map<String, Object> row = jdbc.sql("SELECT holder_ref, holder_index, data FROM licence WHERE public_id = ?")
                .param(l.get("licenceId").asString()).query().singleRow();
        assertThat(row.toString()).doesNotContain(LISI_ID).doesNotContain("李四");
        assertThat(row.get("holder_index").toString()).matches("[0-9a-f]{64}");
        JsonNode mine = json(api.get("/api/licenses/mine", "lisi")).get("items");
        assertThat(mine.valueStream().map(x -> x.get("licenceId").asString()).toList()).contains(l.get("licenceId").asString());
        assertThat(json(api.get("/api/licenses/" + l.get("licenceId").asString(), "lisi")).get("data").get("name").asString()).isEqualTo("李四");
    }

    @Test
    void badIssueRequestsAreClear400sAndApplicantsMayNotIssue() {
        HttpResponse<String> wrongHolder = post("/api/licenses", ADMIN, Map.of("typeCode", ID_CARD, "holderType", "NATURAL_PERSON",
                "holderRef", "440781198803140028", "data", Map.of("name", "张三", "gender", "女", "birthDate", "1988-03-14", "address", "台山")));
        assertThat(wrongHolder.statusCode()).isEqualTo(400);
        assertThat(wrongHolder.body()).contains("holderRef").doesNotContain("440781198803140028");
        HttpResponse<String> missing = post("/api/licenses", ADMIN, Map.of("typeCode", ID_CARD, "holderType", "NATURAL_PERSON",
                "holderRef", ZHANGSAN_ID, "data", Map.of("name", "张三", "colour", "blue")));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("data.gender", "data.birthDate", "data.address", "data.colour");
        assertThat(post("/api/licenses", ADMIN, Map.of("typeCode", "NOPE", "holderType", "NATURAL_PERSON", "holderRef", ZHANGSAN_ID)).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/licenses", ADMIN, Map.of("typeCode", BUSINESS, "holderType", "NATURAL_PERSON", "holderRef", ZHANGSAN_ID,
                "data", Map.of())).body()).contains("holderType");
        assertThat(post("/api/licenses", "zhangsan", Map.of("typeCode", ID_CARD, "holderType", "NATURAL_PERSON", "holderRef", ZHANGSAN_ID))
                .statusCode()).isEqualTo(403);
        assertThat(post("/api/licenses", "officer-market", Map.of("typeCode", ID_CARD, "holderType", "NATURAL_PERSON", "holderRef", ZHANGSAN_ID))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aBatchWithOneBadRowWritesNothingAndReportsEveryBadRow() {
        long before = jdbc.sql("SELECT COUNT(*) FROM licence").query(Long.class).single();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> rows = List.of(
                row(BUSINESS, "LEGAL_PERSON", "91440781MA4W00001L", "P-" + tag + "-1"),
                row(BUSINESS, "LEGAL_PERSON", "91440781MA4W00001X", "P-" + tag + "-2"),   // bad check character
                row(BUSINESS, "LEGAL_PERSON", "91440781MA4W00001L", "P-" + tag + "-1"));  // paper number twice
        HttpResponse<String> bad = post("/api/licenses/imports", ADMIN, Map.of("rows", rows));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        JsonNode report = json(bad);
        assertThat(report.get("written").asBoolean()).isFalse();
        assertThat(report.get("errors").valueStream().map(e -> e.get("row").asInt()).toList()).contains(2, 3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licence").query(Long.class).single()).isEqualTo(before);

        List<Map<String, Object>> good = List.of(row(BUSINESS, "LEGAL_PERSON", "91440781MA4W00001L", "P-" + tag + "-1"),
                row(BUSINESS, "LEGAL_PERSON", "11440781MB2C00012D", "P-" + tag + "-2"));
        HttpResponse<String> dry = post("/api/licenses/imports", ADMIN, Map.of("rows", good, "dryRun", true));
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licence").query(Long.class).single()).isEqualTo(before);
        HttpResponse<String> ok = post("/api/licenses/imports", ADMIN, Map.of("rows", good));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json(ok).get("licences")).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licence").query(Long.class).single()).isEqualTo(before + 2);
        assertThat(post("/api/licenses/imports", "zhangsan", Map.of("rows", good)).statusCode()).isEqualTo(403);
    }

    private static Map<String, Object> row(String type, String holderType, String ref, String paper) {
        return Map.of("typeCode", type, "holderType", holderType, "holderRef", ref, "paperNumber", paper, "validFrom", "2018-03-01",
                "data", Map.of("name", "台山某某有限公司", "legalRepresentative", "王五", "establishedOn", "2018-03-01", "address", "台山市"));
    }
}
