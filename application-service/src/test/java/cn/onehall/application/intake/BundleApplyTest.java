package cn.onehall.application.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.onehall.application.CaseTestSupport;
import tools.jackson.databind.JsonNode;

/** 一件事: one form and the merged materials for every item of a bundle, one case, parallel sub-tasks, the bundle's limit. */
class BundleApplyTest extends CaseTestSupport {

    @Test
    void oneFormOneSetOfMaterialsOneCaseWithTheBundlesLimitAndASubTaskPerDepartment() {
        HttpResponse<String> r = call("POST", "/api/applications/drafts", "zhangsan", Map.of("bundleCode", BUNDLE, "applicantName", "张三",
                "contactPhone", "13800138000", "form", Map.of("businessScope", "餐饮服务")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long d = json(r).get("id").asLong();
        assertThat(json(r).get("bundleCode").asString()).isEqualTo(BUNDLE);

        // the merged list is what is asked: an item's own material code is not, the ID card comes from the licence library once
        assertThat(upload("zhangsan", d, "APPLICATION-FORM", "申请书.pdf", "application/pdf", PDF).statusCode()).isEqualTo(422);
        JsonNode matches = json(call("GET", "/api/applications/drafts/" + d + "/licence-matches", "zhangsan", null));
        assertThat(matches.size()).isEqualTo(1);
        assertThat(matches.get(0).get("materialCode").asString()).isEqualTo("BM02");
        // the strictest of the items' limits applies: every item takes PDF or JPEG up to 1 MB
        assertThat(upload("zhangsan", d, "BM01", "申请书.pdf", "application/pdf", new byte[2 * 1024 * 1024]).statusCode()).isIn(413, 415);
        assertThat(upload("zhangsan", d, "BM01", "申请书.pdf", "application/pdf", PDF).statusCode()).isEqualTo(201);

        HttpResponse<String> submitted = submit("zhangsan", d, UUID.randomUUID().toString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        JsonNode receipt = json(submitted);
        String n = receipt.get("caseNumber").asString();
        assertThat(receipt.get("itemCode").asString()).isEqualTo(ESTABLISH_ITEM);
        assertThat(receipt.get("itemName").asString()).isEqualTo("开办餐饮店");
        assertThat(receipt.get("promisedLimit").asInt()).isEqualTo(5);
        PEERS.verify(1, postRequestedFor(urlEqualTo("/api/licenses/LIC-ZS-IDCARD/uses")).withRequestBody(matchingJsonPath("$.caseNumber", 
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(n))));

        JsonNode c = caseAs("zhangsan", n);
        assertThat(c.get("bundleCode").asString()).isEqualTo(BUNDLE);
        assertThat(c.get("materials").findValuesAsString("materialCode")).containsExactlyInAnyOrder("BM01", "BM02");
        JsonNode event = events(n).getFirst();
        assertThat(event.get("bundleCode").asString()).isEqualTo(BUNDLE);
        assertThat(event.get("itemCode").asString()).isEqualTo(ESTABLISH_ITEM);
        assertThat(event.get("promisedLimit").get("value").asInt()).isEqualTo(5);

        // the lead department accepts; market regulation and public security approve in parallel, in the bundle's 5 days
        assertThat(call("GET", "/api/applications/cases/" + n, "officer-police", null).statusCode()).isEqualTo(404);
        HttpResponse<String> accepted = act("officer-market", n, "acceptance", Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted).get("dueDate").asString()).isEqualTo("2026-10-13");
        assertThat(json(accepted).get("subtasks").findValuesAsString("departmentCode")).containsExactlyInAnyOrder(MARKET, POLICE);
        assertThat(act("officer-market", n, "subtask/decision", Map.of("outcome", "APPROVED")).statusCode()).isEqualTo(200);
        HttpResponse<String> approved = act("officer-police", n, "subtask/decision", Map.of("outcome", "APPROVED"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("status").asString()).isEqualTo("APPROVED");
        List<String> types = eventTypes(n);
        assertThat(types).containsExactly("cn.onehall.case.submitted", "cn.onehall.case.accepted", "cn.onehall.case.subtask-decided",
                "cn.onehall.case.subtask-decided", "cn.onehall.case.approved");
        assertThat(events(n).getLast().get("bundleCode").asString()).isEqualTo(BUNDLE);
    }

    @Test
    void exactlyOneOfItemAndBundleAndAnUnknownBundleIsRefused() {
        HttpResponse<String> both = call("POST", "/api/applications/drafts", "zhangsan", Map.of("bundleCode", BUNDLE, "itemCode", FOOD_ITEM,
                "applicantName", "张三"));
        assertThat(both.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = call("POST", "/api/applications/drafts", "zhangsan", Map.of("bundleCode", "B4407819999", "applicantName", "张三"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
        assertThat(json(unknown).get("code").asString()).isEqualTo("UNKNOWN_BUNDLE");
    }
}
