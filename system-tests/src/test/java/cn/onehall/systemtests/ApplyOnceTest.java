package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static cn.onehall.systemtests.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The mission in one walk through the gateway: a citizen finds an item, applies once with the identity card the
 * licence library already holds (not uploaded again), the market regulation officer accepts and approves, the
 * licence is issued and attached to the case, anyone can verify it by its QR payload, the applicant follows progress
 * without logging in, and the supervisor's view has the case.
 */
class ApplyOnceTest {

    private static final String IDENTITY_CARD = "11440781MB2C00055T001";
    private static final String INDIVIDUAL_BUSINESS_LICENCE = "11440781MB2C00012D002";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static HttpResponse<String> call(String method, String path, String user, Object body, Map<String, String> headers) {
        return Bearer.send(method, GATEWAY + path, user == null ? null : Tokens.user(user), body, headers);
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    private static JsonNode act(String officer, String caseNumber, String act, Object body) {
        JsonNode current = ok(call("GET", "/api/applications/cases/" + caseNumber, officer, null, Map.of()), 200);
        return ok(call("POST", "/api/applications/cases/" + caseNumber + "/" + act, officer, body,
                Map.of("If-Match", "\"" + current.get("version").asInt() + "\"")), 200);
    }

    @Test
    void applyOnceWithTheLicencesYouHoldAndGetAVerifiableLicenceBack() {
        // find: the public list of Taishan, no login
        JsonNode items = ok(call("GET", "/api/catalog/items?region=440781&limit=200", null, null, Map.of()), 200).get("items");
        JsonNode item = StreamSupport.stream(items.spliterator(), false)
                .filter(i -> i.get("name").asString().equals("个体工商户登记")).findFirst().orElseThrow();
        String itemCode = item.get("code").asString();
        JsonNode guide = ok(call("GET", "/api/catalog/items/" + itemCode, null, null, Map.of()), 200);
        assertThat(guide.get("issuesLicenceType").asString()).isEqualTo(INDIVIDUAL_BUSINESS_LICENCE);

        // apply: the identity card comes from the licence library, the rest is uploaded
        long draft = ok(call("POST", "/api/applications/drafts", "zhangsan", Map.of("itemCode", itemCode, "applicantName", "张三",
                "contactPhone", "13800138000", "form", Map.of("businessName", "台山张三小吃店")), Map.of()), 201).get("id").asLong();
        JsonNode matches = ok(call("GET", "/api/applications/drafts/" + draft + "/licence-matches", "zhangsan", null, Map.of()), 200);
        JsonNode idCard = StreamSupport.stream(matches.spliterator(), false)
                .filter(m -> m.get("licenceTypeCode").asString().equals(IDENTITY_CARD)).findFirst().orElseThrow();
        assertThat(idCard.get("licences")).as("zhangsan's identity card is in the library").isNotEmpty();
        ok(call("POST", "/api/applications/drafts/" + draft + "/materials/" + idCard.get("materialCode").asString() + "/licence", "zhangsan",
                Map.of("licenceId", idCard.get("licences").get(0).get("licenceId").asString()), Map.of()), 201);
        for (JsonNode material : guide.get("materials")) {
            if ("UPLOAD".equals(material.get("source").asString()) && material.get("required").asBoolean()) {
                HttpResponse<String> uploaded = Bearer.upload(GATEWAY + "/api/applications/drafts/" + draft + "/materials/"
                        + material.get("code").asString(), Tokens.user("zhangsan"), "材料.pdf", "application/pdf", PDF);
                assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            }
        }
        String key = UUID.randomUUID().toString();
        JsonNode receipt = ok(call("POST", "/api/applications/drafts/" + draft + "/submission", "zhangsan", null, Map.of("Idempotency-Key", key)), 201);
        String caseNumber = receipt.get("caseNumber").asString();
        // the same submission again is the same receipt, not a second case
        JsonNode again = ok(call("POST", "/api/applications/drafts/" + draft + "/submission", "zhangsan", null, Map.of("Idempotency-Key", key)), 200);
        assertThat(again.get("caseNumber").asString()).isEqualTo(caseNumber);

        // others see nothing of it
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "lisi", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "officer-civil", null, Map.of()).statusCode()).isEqualTo(404);

        // the market regulation officer accepts and approves; the licence library issues the licence
        act("officer-market", caseNumber, "acceptance", Map.of());
        assertThat(act("officer-market", caseNumber, "subtask/decision", Map.of("outcome", "APPROVED")).get("status").asString())
                .isEqualTo("APPROVED");
        String licenceId = await().atMost(Duration.ofSeconds(30)).until(
                () -> json(call("GET", "/api/applications/cases/" + caseNumber, "zhangsan", null, Map.of())).path("licenceId").asString(""),
                id -> !id.isEmpty());

        // the holder sees it among their licences and gets its QR payload; anyone verifies it without login
        JsonNode mine = ok(call("GET", "/api/licenses/mine", "zhangsan", null, Map.of()), 200).get("items");
        assertThat(mine.toString()).contains(licenceId, INDIVIDUAL_BUSINESS_LICENCE);
        String payload = ok(call("GET", "/api/licenses/" + licenceId + "/qr-payload", "zhangsan", null, Map.of()), 200).get("payload").asString();
        JsonNode verdict = ok(Bearer.get(GATEWAY + "/api/licenses/public/verify?payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), null), 200);
        assertThat(verdict.get("valid").asBoolean()).isTrue();
        assertThat(verdict.toString()).doesNotContain("440781198803140029");
        assertThat(call("GET", "/api/licenses/" + licenceId + "/qr-payload", "lisi", null, Map.of()).statusCode()).isEqualTo(404);

        // delivered online, completed; progress by case number and query code, no login, no personal data
        act("officer-market", caseNumber, "delivery", Map.of("method", "ONLINE"));
        act("officer-market", caseNumber, "completion", null);
        JsonNode progress = ok(Bearer.get(GATEWAY + "/api/applications/public/progress?caseNumber=" + caseNumber + "&queryCode="
                + receipt.get("queryCode").asString(), null), 200);
        assertThat(progress.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(progress.toString()).doesNotContain("张三", "13800138000", "440781198803140029");
        assertThat(Bearer.get(GATEWAY + "/api/applications/public/progress?caseNumber=" + caseNumber + "&queryCode=WRONG1", null).statusCode())
                .isEqualTo(404);

        // the supervisor of Taishan sees the case counted in this month's measures of the item; Chaoan's does not
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String measures = "/api/supervision/measures?region=440781&period=" + month + "&item=" + itemCode;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = ok(call("GET", measures, "supervisor-taishan", null, Map.of()), 200);
            assertThat(StreamSupport.stream(answer.get("measures").spliterator(), false)
                    .anyMatch(m -> m.path("denominator").asLong(0) >= 1)).as(answer.toString()).isTrue();
        });
        assertThat(call("GET", measures, "supervisor-chaoan", null, Map.of()).statusCode()).isIn(403, 404);
    }
}
