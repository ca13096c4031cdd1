package cn.onehall.application.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.onehall.application.CaseTestSupport;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;

/** WINDOW cases filed by an officer for a person at the counter, and IMPORTED batches of a county system. */
class ChannelsTest extends CaseTestSupport {

    static Map<String, Object> windowCase(String holderRef) {
        return Map.of("itemCode", PARALLEL_ITEM, "holderType", "NATURAL_PERSON", "holderRef", holderRef, "applicantName", "张三",
                "contactPhone", "13800138000", "paperMaterials", List.of("APPLICATION-FORM"));
    }

    @Test
    void anOfficerFilesACaseAtTheWindowWhichRecordsAVisit() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> filed = call("POST", "/api/applications/window/cases", "officer-market", windowCase("440781198803140029"),
                Map.of("Idempotency-Key", key));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode c = json(filed);
        String n = c.get("caseNumber").asString();
        assertThat(c.get("channel").asString()).isEqualTo("WINDOW");
        assertThat(c.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(c.get("visits").asInt()).isEqualTo(1);
        assertThat(eventTypes(n)).containsExactly("cn.onehall.case.submitted", "cn.onehall.case.visit-recorded");
        assertThat(events(n).getLast().get("visits").asInt()).isEqualTo(1);
        assertThat(events(n).getFirst().get("channel").asString()).isEqualTo("WINDOW");
        // the person sees it among their cases
        assertThat(json(call("GET", "/api/applications/mine", "zhangsan", null)).get("items").toString()).contains(n);
        // a retry of the same POST is the same case
        HttpResponse<String> again = call("POST", "/api/applications/window/cases", "officer-market", windowCase("440781198803140029"),
                Map.of("Idempotency-Key", key));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("caseNumber").asString()).isEqualTo(n);

        assertThat(call("POST", "/api/applications/window/cases", "officer-resources", windowCase("440781198803140029"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/applications/window/cases", "zhangsan", windowCase("440781198803140029"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).statusCode()).isEqualTo(403);
        HttpResponse<String> badId = call("POST", "/api/applications/window/cases", "officer-market", windowCase("440781198803140028"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("holderRef");
        Map<String, Object> noPaper = new java.util.HashMap<>(windowCase("440781198803140029"));
        noPaper.put("paperMaterials", List.of());
        HttpResponse<String> incomplete = call("POST", "/api/applications/window/cases", "officer-market", noPaper,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(incomplete.statusCode()).isEqualTo(422);

        // the officer records a further visit
        assertThat(act("officer-market", n, "visits", Map.of("note", "核验原件")).statusCode()).isEqualTo(200);
        assertThat(caseAs("officer-market", n).get("visits").asInt()).isEqualTo(2);
    }

    @Test
    void aCountySystemImportsABatchIdempotentlyAndABadBatchWritesNothing() {
        String prefix = "TS-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, Object>> cases = List.of(
                imported(prefix + "1", "440781198803140029"),
                imported(prefix + "2", "91440781MA4W00001L"));
        HttpResponse<String> first = asCounty("/api/applications/imports", Map.of("cases", cases));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode results = json(first).get("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.get(0).get("created").asBoolean()).isTrue();
        String n = results.get(0).get("caseNumber").asString();
        assertThat(n).startsWith("44078120260915");
        assertThat(events(n).getFirst().get("channel").asString()).isEqualTo("IMPORTED");
        assertThat(events(n).getFirst().get("submittedAt").asString()).startsWith("2026-09-15T10:00");

        HttpResponse<String> again = asCounty("/api/applications/imports", Map.of("cases", cases));
        assertThat(json(again).get("results").get(0).get("created").asBoolean()).isFalse();
        assertThat(json(again).get("results").get(0).get("caseNumber").asString()).isEqualTo(n);

        int before = jdbc.sql("SELECT COUNT(*) FROM application_case").query(Integer.class).single();
        HttpResponse<String> bad = asCounty("/api/applications/imports", Map.of("cases", List.of(
                imported(prefix + "3", "440781198803140029"),
                imported(prefix + "4", "440781198803140028"),
                Map.of("externalId", prefix + "5", "itemCode", "NO-SUCH-ITEM", "holderType", "NATURAL_PERSON",
                        "holderRef", "440781198803140029", "submittedAt", "2026-09-15T10:00:00+08:00"))));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("cases[1].holderRef", "cases[2].itemCode");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application_case").query(Integer.class).single()).isEqualTo(before);

        assertThat(call("POST", "/api/applications/imports", "officer-market", Map.of("cases", cases)).statusCode()).isEqualTo(403);
        // the county client reads the cases of its region
        HttpResponse<String> read = asCounty("/api/applications/cases/" + n, null);
        assertThat(read.statusCode()).isEqualTo(200);
    }

    static Map<String, Object> imported(String externalId, String holderRef) {
        return Map.of("externalId", externalId, "itemCode", PARALLEL_ITEM, "holderType", holderRef.startsWith("9") ? "LEGAL_PERSON" : "NATURAL_PERSON",
                "holderRef", holderRef, "applicantName", "县级系统申请人", "submittedAt", "2026-09-15T10:00:00+08:00");
    }

    HttpResponse<String> asCounty(String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .header("Authorization", "Bearer " + Tokens.client("county-taishan", "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET"))
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(LocalApi.JSON.writeValueAsString(body)));
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
