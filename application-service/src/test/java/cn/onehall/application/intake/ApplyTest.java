package cn.onehall.application.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.onehall.application.CaseTestSupport;
import tools.jackson.databind.JsonNode;

/** 统一申请 through the real HTTP stack: drafts, materials, once-only licences, submission, receipts and bad input. */
class ApplyTest extends CaseTestSupport {

    @Test
    void anApplicantAppliesOnceWithAnUploadAndTheirOwnLicenceAndGetsAReceipt() {
        long d = draft("zhangsan", FOOD_ITEM);
        JsonNode matches = json(call("GET", "/api/applications/drafts/" + d + "/licence-matches", "zhangsan", null));
        assertThat(matches.get(0).get("materialCode").asString()).isEqualTo("ID-CARD");
        assertThat(matches.get(0).get("licences").get(0).get("licenceId").asString()).isEqualTo("LIC-ZS-IDCARD");

        HttpResponse<String> uploaded = upload("zhangsan", d, "APPLICATION-FORM", "申请书.pdf", "application/pdf", PDF);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(json(uploaded).get("sha256").asString()).hasSize(64);
        assertThat(json(uploaded).get("sizeBytes").asLong()).isEqualTo(PDF.length);

        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = submit("zhangsan", d, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode receipt = json(first);
        String caseNumber = receipt.get("caseNumber").asString();
        assertThat(caseNumber).startsWith("44078120260930");
        assertThat(receipt.get("queryCode").asString()).hasSize(8);
        assertThat(receipt.get("status").asString()).isEqualTo("PRE_REVIEW");
        assertThat(receipt.get("itemVersion").asInt()).isEqualTo(3);

        HttpResponse<String> replay = submit("zhangsan", d, key);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay)).isEqualTo(receipt);
        assertThat(submit("zhangsan", d, UUID.randomUUID().toString()).statusCode()).isEqualTo(409);

        // the ID card came from the licence library without an upload, and its use was recorded for this case
        JsonNode c = caseAs("zhangsan", caseNumber);
        assertThat(c.get("materials").toString()).contains("LIC-ZS-IDCARD", "APPLICATION-FORM");
        PEERS.verify(1, postRequestedFor(urlEqualTo("/api/licenses/LIC-ZS-IDCARD/uses"))
                .withRequestBody(equalToJson("{\"caseNumber\":\"" + caseNumber + "\",\"departmentCode\":\"" + MARKET + "\",\"itemCode\":\"" + FOOD_ITEM + "\"}")));

        assertThat(eventTypes(caseNumber)).containsExactly("cn.onehall.case.submitted");
        JsonNode data = events(caseNumber).getFirst();
        assertThat(new ArrayList<>(data.propertyNames())).containsExactlyInAnyOrder("caseNumber", "itemCode", "itemVersion", "bundleCode", "regionCode",
                "departmentCode", "powerType", "onlineDepth", "itemVisits", "channel", "status", "submittedAt", "acceptedAt", "decidedAt",
                "completedAt", "occurredAt", "promisedLimit", "dueDate", "suspendedDays", "visits", "correctionNotices", "feeCharged",
                "guideFee", "missingRequiredMaterials", "holderType", "holderRef", "issuesLicenceType", "subtask", "evaluation", "reason");
        assertThat(data.get("status").asString()).isEqualTo("PRE_REVIEW");
        assertThat(data.get("channel").asString()).isEqualTo("ONLINE_WEB");
        assertThat(data.get("holderRef").asString()).isEqualTo("440781198803140029");
        assertThat(data.get("issuesLicenceType").asString()).isEqualTo(FOOD_LICENCE_TYPE);
        assertThat(data.get("acceptedAt").isNull()).isTrue();

        // anonymous progress: status and dates, nothing personal
        HttpResponse<String> progress = api().get("/api/applications/public/progress?caseNumber=" + caseNumber + "&queryCode="
                + receipt.get("queryCode").asString());
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(json(progress).get("status").asString()).isEqualTo("PRE_REVIEW");
        assertThat(progress.body()).doesNotContain("440781198803140029", "张三", "13800138000");
        assertThat(api().get("/api/applications/public/progress?caseNumber=" + caseNumber + "&queryCode=WRONG234").statusCode()).isEqualTo(404);

        // my cases
        JsonNode mine = json(call("GET", "/api/applications/mine", "zhangsan", null));
        assertThat(mine.get("items").toString()).contains(caseNumber);
        assertThat(json(call("GET", "/api/applications/mine", "taishan-foods", null)).get("items").toString()).doesNotContain(caseNumber);
    }

    @Test
    void otherPeopleSeeNothingOfADraftOrCase() {
        JsonNode receipt = submitted("zhangsan", FOOD_ITEM);
        String caseNumber = receipt.get("caseNumber").asString();
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "lisi", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "officer-resources", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "officer-market", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "supervisor-taishan", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, "supervisor-chaoan", null).statusCode()).isEqualTo(404);
        long d = draft("zhangsan", FOOD_ITEM);
        assertThat(call("GET", "/api/applications/drafts/" + d, "lisi", null).statusCode()).isEqualTo(404);
        assertThat(upload("lisi", d, "APPLICATION-FORM", "a.pdf", "application/pdf", PDF).statusCode()).isEqualTo(404);
        assertThat(submit("lisi", d, UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/applications/drafts", "officer-market", Map.of("itemCode", FOOD_ITEM, "applicantName", "x")).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/applications/cases/" + caseNumber, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsAClearProblemAndWritesNothing() {
        HttpResponse<String> unknown = call("POST", "/api/applications/drafts", "zhangsan", Map.of("itemCode", "NO-SUCH-ITEM", "applicantName", "张三"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown).get("code").asString()).isEqualTo("UNKNOWN_ITEM");
        HttpResponse<String> revoked = call("POST", "/api/applications/drafts", "zhangsan", Map.of("itemCode", REVOKED_ITEM, "applicantName", "张三"));
        assertThat(json(revoked).get("code").asString()).isEqualTo("ITEM_REVOKED");
        HttpResponse<String> l3 = call("POST", "/api/applications/drafts", "zhangsan", Map.of("itemCode", L3_ITEM, "applicantName", "张三"));
        assertThat(l3.statusCode()).isEqualTo(403);
        assertThat(json(l3).get("code").asString()).isEqualTo("REAL_NAME_LEVEL_TOO_LOW");
        HttpResponse<String> malformed = call("POST", "/api/applications/drafts", "zhangsan", Map.of("itemCode", FOOD_ITEM, "applicantName", "",
                "contactPhone", "12", "form", Map.of("1bad key", "x")));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(malformed.body()).contains("applicantName", "contactPhone");
        assertThat(call("POST", "/api/applications/drafts", "zhangsan", "{not json").statusCode()).isEqualTo(400);

        long d = draft("zhangsan", FOOD_ITEM);
        HttpResponse<String> big = upload("zhangsan", d, "APPLICATION-FORM", "big.pdf", "application/pdf", bigPdf(1024 * 1024 + 1));
        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        assertThat(json(big).get("code").asString()).isEqualTo("MATERIAL_TOO_LARGE");
        HttpResponse<String> wrongType = upload("zhangsan", d, "APPLICATION-FORM", "a.txt", "text/plain", "hello".getBytes());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        HttpResponse<String> disguised = upload("zhangsan", d, "APPLICATION-FORM", "a.pdf", "application/pdf",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0});
        assertThat(disguised.statusCode()).isEqualTo(415);
        assertThat(upload("zhangsan", d, "NO-SUCH-MATERIAL", "a.pdf", "application/pdf", PDF).statusCode()).isEqualTo(422);
        HttpResponse<String> notMine = call("POST", "/api/applications/drafts/" + d + "/materials/ID-CARD/licence", "zhangsan",
                Map.of("licenceId", "LIC-SOMEONE-ELSE"));
        assertThat(notMine.statusCode()).isEqualTo(422);
        assertThat(json(notMine).get("code").asString()).isEqualTo("LICENCE_NOT_USABLE");

        HttpResponse<String> noKey = submit("zhangsan", d, null);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(json(noKey).get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        HttpResponse<String> incomplete = submit("zhangsan", d, UUID.randomUUID().toString());
        assertThat(incomplete.statusCode()).isEqualTo(422);
        assertThat(json(incomplete).get("code").asString()).isEqualTo("MATERIALS_MISSING");
        assertThat(incomplete.body()).contains("APPLICATION-FORM");
        JsonNode still = json(call("GET", "/api/applications/drafts/" + d, "zhangsan", null));
        assertThat(still.get("status").asString()).isEqualTo("DRAFT");
        assertThat(still.has("caseNumber")).isFalse();
        assertThat(still.get("materials").size()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_material WHERE case_id = ?").param(d).query(Integer.class).single()).isZero();
    }

    @Test
    void concurrentSubmissionsGetDistinctCaseNumbersAndARetriedKeyFilesOnce() throws Exception {
        int n = 12;
        List<Long> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long d = draft("taishan-foods", PARALLEL_ITEM);
            assertThat(upload("taishan-foods", d, "APPLICATION-FORM", "f.pdf", "application/pdf", PDF).statusCode()).isEqualTo(201);
            drafts.add(d);
        }
        long twice = drafts.getLast();
        String key = UUID.randomUUID().toString();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (long d : drafts) {
            calls.add(() -> submit("taishan-foods", d, d == twice ? key : UUID.randomUUID().toString()));
        }
        calls.add(() -> submit("taishan-foods", twice, key));
        calls.add(() -> submit("taishan-foods", twice, key));
        Set<String> numbers = new HashSet<>();
        Set<String> twiceNumbers = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> results = pool.invokeAll(calls);
            for (int i = 0; i < results.size(); i++) {
                HttpResponse<String> r = results.get(i).get();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
                String number = json(r).get("caseNumber").asString();
                if (i >= n - 1) {
                    twiceNumbers.add(number);
                } else {
                    assertThat(numbers.add(number)).as("unique " + number).isTrue();
                }
            }
        }
        assertThat(twiceNumbers).hasSize(1);
        assertThat(numbers).doesNotContainAnyElementsOf(twiceNumbers).hasSize(n - 1);
        assertThat(eventTypes(twiceNumbers.iterator().next())).containsExactly("cn.onehall.case.submitted");
    }

    @Test
    void aRetriedDraftCreationWithTheSameKeyIsTheSameDraft() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> form = Map.of("itemCode", FOOD_ITEM, "applicantName", "张三");
        HttpResponse<String> first = call("POST", "/api/applications/drafts", "zhangsan", form, Map.of("Idempotency-Key", key));
        HttpResponse<String> again = call("POST", "/api/applications/drafts", "zhangsan", form, Map.of("Idempotency-Key", key));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(again).get("id").asLong()).isEqualTo(json(first).get("id").asLong());
        HttpResponse<String> other = call("POST", "/api/applications/drafts", "lisi", form, Map.of("Idempotency-Key", key));
        assertThat(json(other).get("id").asLong()).isNotEqualTo(json(first).get("id").asLong());
        assertThat(call("POST", "/api/applications/drafts", "zhangsan", form, Map.of("Idempotency-Key", "has spaces")).statusCode()).isEqualTo(400);
    }

    static byte[] bigPdf(int size) {
        byte[] b = new byte[size];
        System.arraycopy(PDF, 0, b, 0, PDF.length);
        return b;
    }

    static <T> Iterable<T> iterable(java.util.Collection<T> c) {
        return c;
    }
}
