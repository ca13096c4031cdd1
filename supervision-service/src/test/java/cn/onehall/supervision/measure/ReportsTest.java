package cn.onehall.supervision.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.SupervisionTest;
import tools.jackson.databind.JsonNode;

/** Star ratings with their breakdown, the monthly report as JSON and CSV, the public disclosure, targets as data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsTest extends SupervisionTest {

    static final String TOWN = "440781102";
    static final String MARKET = "11440781MB2C00012D";
    static final String CIVIL = "11440781MB2C000208";

    private void aprilCase(String item, String department, int depth, String decided, String due, String level, boolean guideFee) {
        String no = caseNumber("R");
        Map<String, Object> d = CaseEventsOnStream.data(no, "COMPLETED", decided);
        d.put("regionCode", TOWN);
        d.put("departmentCode", department);
        d.put("itemCode", item);
        d.put("onlineDepth", depth);
        d.put("guideFee", guideFee ? 0 : null);
        d.put("submittedAt", "2026-04-01T09:00:00+08:00");
        d.put("acceptedAt", "2026-04-01T10:00:00+08:00");
        d.put("decidedAt", decided);
        d.put("completedAt", decided);
        d.put("dueDate", due);
        stream().publish("completed", new HashMap<>(d));
        d.put("occurredAt", "2026-04-20T09:00:00+08:00");
        d.put("evaluation", Map.of("level", level, "rectificationDue", "2026-04-30"));
        awaitHandled(stream().publish("evaluated", d));
    }

    @BeforeAll
    void cases() {
        aprilCase("R-ITEM-A", MARKET, 5, "2026-04-03T09:00:00+08:00", "2026-04-08", "SATISFIED", true);
        aprilCase("R-ITEM-A", MARKET, 5, "2026-04-07T09:00:00+08:00", "2026-04-08", "VERY_SATISFIED", true);
        aprilCase("R-ITEM-C", CIVIL, 3, "2026-04-15T09:00:00+08:00", "2026-04-08", "DISSATISFIED", false);
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT COALESCE(SUM(evaluations), 0) FROM case_month WHERE region_code = ?")
                .param(TOWN).query(Long.class).single() == 3);
    }

    @Test
    void starRatingsShowEachDepartmentsBreakdown() {
        JsonNode answer = json(get("/api/supervision/ratings?region=" + TOWN + "&period=2026-04", "supervisor-taishan"));
        Map<String, JsonNode> byDept = new HashMap<>();
        answer.get("departments").forEach(d -> byDept.put(d.get("departmentCode").asString(), d));
        assertThat(byDept.get(MARKET).get("stars").asInt()).isEqualTo(5);
        assertThat(byDept.get(MARKET).get("score").asDouble()).isEqualTo(1.0);
        assertThat(byDept.get(CIVIL).get("stars").asInt()).isEqualTo(1);
        assertThat(byDept.get(CIVIL).get("score").asDouble()).isEqualTo(0.12); // only online depth 3/5 × 0.2
        Map<String, Double> parts = new HashMap<>();
        byDept.get(CIVIL).get("breakdown").forEach(p -> parts.put(p.get("name").asString(), p.get("value").asDouble()));
        assertThat(parts).containsEntry("ON_TIME_RATE", 0.0).containsEntry("SATISFACTION_RATE", 0.0)
                .containsEntry("ONLINE_DEPTH", 0.6).containsEntry("GUIDE_COMPLETENESS", 0.0);
        // an officer sees their own department's rating only
        JsonNode own = json(get("/api/supervision/ratings?region=" + TOWN + "&period=2026-04", "officer-civil"));
        assertThat(own.get("departments")).hasSize(1);
        assertThat(own.get("departments").get(0).get("departmentCode").asString()).isEqualTo(CIVIL);
        assertThat(get("/api/supervision/ratings?region=" + TOWN + "&period=2026-04", "supervisor-chaoan").statusCode()).isEqualTo(403);
    }

    @Test
    void theMonthlyReportComesAsJsonAndCsv() {
        var json = get("/api/supervision/reports/monthly?region=" + TOWN + "&period=2026-04", "supervisor-jiangmen");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json(json).get("measures").toString()).contains("ON_TIME_RATE", "SATISFACTION_RATE");
        assertThat(json(json).get("ratings")).hasSize(2);
        var csv = get("/api/supervision/reports/monthly?region=" + TOWN + "&period=2026-04&format=csv", "supervisor-jiangmen");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("section,code,name,value,numerator,denominator,target,comparison,pass");
        assertThat(lines).anyMatch(l -> l.startsWith("measure,ON_TIME_RATE,") && l.contains(",0.6667,2,3,"));
        assertThat(lines).anyMatch(l -> l.startsWith("rating," + MARKET + ",5,"));
        assertThat(get("/api/supervision/reports/monthly?region=" + TOWN + "&period=2026-04&format=xml", "supervisor-jiangmen").statusCode()).isEqualTo(400);
        assertThat(get("/api/supervision/reports/monthly?region=" + TOWN + "&period=2026-04", null).statusCode()).isEqualTo(401);
    }

    @Test
    void thePublicDisclosureNeedsNoLoginAndHoldsNoPersonalData() {
        var r = get("/api/supervision/public/disclosure?region=" + TOWN + "&period=2026-04", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("measures").toString()).contains("ON_TIME_RATE");
        assertThat(body.get("departments").toString()).contains(MARKET);
        assertThat(r.body()).doesNotContain("440781198803140029", "caseNumber", "numerator");
        assertThat(get("/api/supervision/public/disclosure?region=" + TOWN, null).statusCode()).isEqualTo(200); // last complete month
        assertThat(get("/api/supervision/public/disclosure?region=12", null).statusCode()).isEqualTo(400);
        // the public reads only the disclosure
        assertThat(get("/api/supervision/measures?region=" + TOWN + "&period=2026-04", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/supervision/cards", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardPageIsForStaff() {
        var page = get("/api/supervision/dashboard", "supervisor-taishan");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("监督看板", "/api/supervision/measures", "/api/supervision/ratings", "/api/supervision/cards", "<svg");
        assertThat(get("/api/supervision/dashboard", "zhangsan").statusCode()).isEqualTo(403);
        assertThat(get("/api/supervision/dashboard", null).statusCode()).isEqualTo(401);
    }

    @Test
    void targetsAreDataASupervisorSetsForTheirSubtreeAudited() {
        var put = call("PUT", "/api/supervision/settings/targets/" + TOWN + "/ON_TIME_RATE/2026-01", "supervisor-taishan",
                Map.of("target", 0.9, "comparison", "GE", "source", "test"), Map.of());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode onTime = null;
        for (JsonNode m : json(get("/api/supervision/measures?region=" + TOWN + "&period=2026-04", "supervisor-taishan")).get("measures")) {
            if (m.get("code").asString().equals("ON_TIME_RATE")) {
                onTime = m;
            }
        }
        assertThat(onTime.get("target").asDouble()).isEqualTo(0.9);
        assertThat(onTime.get("pass").asBoolean()).isFalse();
        // an earlier period keeps no target
        assertThat(json(get("/api/supervision/measures?region=" + TOWN + "&period=2025-12", "supervisor-taishan")).get("measures").toString())
                .doesNotContain("\"target\":0.9");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'supervision.target.set' AND actor_username = 'supervisor-taishan'")
                .query(Long.class).single()).isEqualTo(1);

        assertThat(call("PUT", "/api/supervision/settings/targets/" + TOWN + "/ON_TIME_RATE/2026-01", "supervisor-chaoan",
                Map.of("target", 0.1, "comparison", "GE"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/supervision/settings/targets/" + TOWN + "/ON_TIME_RATE/2026-01", "officer-market",
                Map.of("target", 0.1, "comparison", "GE"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/supervision/settings/targets/" + TOWN + "/NO_SUCH/2026-01", "supervisor-taishan",
                Map.of("target", 0.1, "comparison", "GE"), Map.of()).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/supervision/settings/targets/" + TOWN + "/ON_TIME_RATE/2026-01", "supervisor-taishan",
                Map.of("target", -1, "comparison", "XX"), Map.of()).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/supervision/settings/denominators/" + TOWN + "/2026-01", "supervisor-taishan",
                Map.of("enterprises", 1200, "persons", 30000), Map.of()).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/supervision/settings/thresholds/" + TOWN, "supervisor-taishan",
                Map.of("yellowUsedRatio", 2, "yellowDaysLeft", 1, "acceptanceWorkingDays", 5), Map.of()).statusCode()).isEqualTo(400);
    }
}
