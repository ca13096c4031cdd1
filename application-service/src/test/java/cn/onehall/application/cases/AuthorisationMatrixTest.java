package cn.onehall.application.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.application.CaseTestSupport;

/** Who may read and act on one case: role × owner × department × region. A stranger learns nothing (404). */
class AuthorisationMatrixTest extends CaseTestSupport {

    @Test
    void readingACaseFollowsTheDataScope() {
        String n = submitted("zhangsan", PARALLEL_ITEM).get("caseNumber").asString();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("zhangsan", 200);
        expected.put("lisi", 404);
        expected.put("taishan-foods", 404);
        expected.put("wangwu", 404);
        expected.put("officer-market", 200);
        expected.put("dept-admin-market", 200);
        expected.put("officer-resources", 404); // not routed to them before acceptance
        expected.put("officer-chaoan-market", 404);
        expected.put("supervisor-taishan", 200);
        expected.put("supervisor-jiangmen", 200);
        expected.put("supervisor-chaoan", 404);
        expected.put("platform-admin", 200);
        expected.put("catalog-admin-taishan", 404);
        Map<String, Integer> actual = new LinkedHashMap<>();
        expected.keySet().forEach(user -> actual.put(user, call("GET", "/api/applications/cases/" + n, user, null).statusCode()));
        assertThat(actual).isEqualTo(expected);
        // supervisors see the case without the person's full ID number
        assertThat(call("GET", "/api/applications/cases/" + n, "supervisor-taishan", null).body()).doesNotContain("440781198803140029");
    }

    @Test
    void actingOnACaseNeedsTheRoleAndTheDepartment() {
        String n = submitted("zhangsan", PARALLEL_ITEM).get("caseNumber").asString();
        String etag = "\"" + caseAs("officer-market", n).get("version").asInt() + "\"";
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("zhangsan", 403);
        expected.put("supervisor-taishan", 403);
        expected.put("officer-resources", 404);
        expected.put("officer-chaoan-market", 404);
        Map<String, Integer> actual = new LinkedHashMap<>();
        expected.keySet().forEach(user -> actual.put(user, call("POST", "/api/applications/cases/" + n + "/acceptance", user, Map.of(),
                Map.of("If-Match", etag)).statusCode()));
        assertThat(actual).isEqualTo(expected);
        assertThat(call("POST", "/api/applications/cases/" + n + "/withdrawal", "lisi", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/applications/cases/" + n + "/evaluation", "lisi", Map.of("level", "SATISFIED")).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/applications/cases/" + n + "/acceptance", null, Map.of()).statusCode()).isEqualTo(401);
        // nothing happened to the case
        assertThat(eventTypes(n)).containsExactly("cn.onehall.case.submitted");
        // the lead department's officer may; a dept-admin of it too
        assertThat(call("POST", "/api/applications/cases/" + n + "/acceptance", "dept-admin-market", Map.of(), Map.of("If-Match", etag))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void badInputToTheOfficersActsIsA400Problem() {
        String n = submitted("zhangsan", PARALLEL_ITEM).get("caseNumber").asString();
        assertThat(act("officer-market", n, "correction-notice", Map.of("corrections", java.util.List.of())).statusCode()).isEqualTo(400);
        assertThat(act("officer-market", n, "correction-notice", Map.of("corrections", java.util.List.of(
                Map.of("materialCode", "APPLICATION-FORM", "field", "x", "instruction", "both")))).statusCode()).isEqualTo(400);
        assertThat(act("officer-market", n, "refusal", Map.of()).statusCode()).isEqualTo(400);
        assertThat(act("officer-market", n, "suspension", Map.of("kind", "NAP", "reason", "x")).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/applications/cases/" + n + "/acceptance", "officer-market", Map.of(), Map.of("If-Match", "garbage"))
                .statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/applications/cases/not-a-number", "officer-market", null).statusCode()).isIn(400, 404);
        assertThat(eventTypes(n)).containsExactly("cn.onehall.case.submitted");
    }
}
