package cn.onehall.application.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import cn.onehall.application.CaseTestSupport;
import cn.onehall.starter.events.EventStreams;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** The officers' side of a case through the real HTTP stack, with due dates over the real 2026 calendar. */
class HandlingFlowTest extends CaseTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void parallelApprovalEachDepartmentDecidesItsOwnAndOneDenialDeniesWithEveryReason() {
        clock.set("2026-09-30T10:00:00");
        String n = submitted("taishan-foods", PARALLEL_ITEM).get("caseNumber").asString();
        assertThat(caseAs("officer-market", n).get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(call("GET", "/api/applications/cases/" + n, "officer-resources", null).statusCode()).isEqualTo(404);
        assertThat(json(call("GET", "/api/applications/worklist?status=SUBMITTED", "officer-market", null)).get("items").toString()).contains(n);

        // optimistic locking: no If-Match is 428, a stale one 409
        assertThat(call("POST", "/api/applications/cases/" + n + "/acceptance", "officer-market", Map.of()).statusCode()).isEqualTo(428);
        assertThat(call("POST", "/api/applications/cases/" + n + "/acceptance", "officer-market", Map.of(), Map.of("If-Match", "\"99\"")).statusCode())
                .isEqualTo(409);
        // another department's officer cannot accept it
        assertThat(call("POST", "/api/applications/cases/" + n + "/acceptance", "officer-resources", Map.of(), Map.of("If-Match", "\"1\""))
                .statusCode()).isEqualTo(404);

        HttpResponse<String> accepted = act("officer-market", n, "acceptance", Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        // accepted on Wednesday 30 September, 1 working day: the National Day holidays do not count
        assertThat(json(accepted).get("dueDate").asString()).isEqualTo("2026-10-08");
        assertThat(json(accepted).get("subtasks").size()).isEqualTo(3);

        JsonNode worklist = json(call("GET", "/api/applications/worklist?status=ACCEPTED&dueBy=2026-10-08", "officer-resources", null));
        assertThat(worklist.get("items").toString()).contains(n);
        assertThat(json(call("GET", "/api/applications/worklist?status=ACCEPTED&dueBy=2026-10-07", "officer-resources", null)).get("items").toString())
                .doesNotContain(n);
        assertThat(call("POST", "/api/applications/cases/" + n + "/subtask/decision", "officer-civil", Map.of("outcome", "APPROVED"),
                Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(404);

        assertThat(act("officer-market", n, "subtask/decision", Map.of("outcome", "APPROVED")).statusCode()).isEqualTo(200);
        assertThat(act("officer-market", n, "subtask/decision", Map.of("outcome", "APPROVED")).statusCode()).isEqualTo(409);
        assertThat(act("officer-resources", n, "subtask/decision", Map.of("outcome", "DENIED")).statusCode()).isEqualTo(400);
        HttpResponse<String> r = act("officer-resources", n, "subtask/decision", Map.of("outcome", "DENIED", "reason", "用地规划不符"));
        assertThat(json(r).get("status").asString()).isEqualTo("UNDER_REVIEW");
        r = act("officer-police", n, "subtask/decision", Map.of("outcome", "DENIED", "reason", "消防验收不合格"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode denied = json(r);
        assertThat(denied.get("status").asString()).isEqualTo("DENIED");
        assertThat(denied.get("decisionReason").asString()).contains("用地规划不符", "消防验收不合格");

        assertThat(eventTypes(n)).containsExactly("cn.onehall.case.submitted", "cn.onehall.case.accepted", "cn.onehall.case.subtask-decided",
                "cn.onehall.case.subtask-decided", "cn.onehall.case.subtask-decided", "cn.onehall.case.denied");
        List<JsonNode> events = events(n);
        assertThat(events.get(3).get("subtask").get("departmentCode").asString()).isEqualTo(RESOURCES);
        assertThat(events.get(3).get("subtask").get("outcome").asString()).isEqualTo("DENIED");
        assertThat(events.get(5).get("reason").asString()).contains("用地规划不符", "消防验收不合格");
        assertThat(events.get(5).get("dueDate").asString()).isEqualTo("2026-10-08");
        assertThat(events.get(5).get("decidedAt").isNull()).isFalse();
    }

    @Test
    void oneTimeNoticeSuspensionExtensionLicenceDeliveryCompletionAndEvaluation() {
        clock.set("2026-09-29T09:00:00");
        String n = submitted("zhangsan", FOOD_ITEM).get("caseNumber").asString();

        HttpResponse<String> notice = act("officer-market", n, "correction-notice", Map.of("corrections", List.of(
                Map.of("materialCode", "APPLICATION-FORM", "instruction", "申请书缺少法定代表人签字"),
                Map.of("field", "businessScope", "instruction", "经营范围须与营业执照一致"))));
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(200);
        assertThat(json(notice).get("status").asString()).isEqualTo("CORRECTION_REQUIRED");
        assertThat(json(notice).get("correctionNoticeList").get(0).get("items").size()).isEqualTo(2);
        assertThat(act("officer-market", n, "acceptance", Map.of()).statusCode()).isEqualTo(409);
        assertThat(act("zhangsan", n, "resubmission", null).statusCode()).isEqualTo(200);
        HttpResponse<String> second = act("officer-market", n, "correction-notice", Map.of("corrections", List.of(
                Map.of("field", "businessScope", "instruction", "again"))));
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(json(second).get("code").asString()).isEqualTo("SECOND_NOTICE_NEEDS_REASON");
        assertThat(act("officer-market", n, "correction-notice", Map.of("reason", "申请人补正后出现新的不一致", "corrections", List.of(
                Map.of("field", "businessScope", "instruction", "经营范围与场所不符")))).statusCode()).isEqualTo(200);
        assertThat(act("zhangsan", n, "resubmission", null).statusCode()).isEqualTo(200);

        clock.set("2026-09-30T10:00:00");
        JsonNode accepted = json(act("officer-market", n, "acceptance", Map.of("feeCharged", 0)));
        // 5 working days from 30 September: 8, 9, 10 (make-up Saturday), 12, 13 October
        assertThat(accepted.get("dueDate").asString()).isEqualTo("2026-10-13");
        assertThat(accepted.get("correctionNotices").asInt()).isEqualTo(2);

        clock.set("2026-10-08T09:00:00");
        assertThat(act("officer-market", n, "suspension", Map.of("kind", "INSPECTION", "reason", "现场核查")).statusCode()).isEqualTo(200);
        assertThat(act("officer-market", n, "subtask/decision", Map.of("outcome", "APPROVED")).statusCode()).isEqualTo(409);
        clock.set("2026-10-12T09:00:00");
        JsonNode resumed = json(act("officer-market", n, "resumption", null));
        // 9, 10 and 12 October stood still: the due date moves by three working days
        assertThat(resumed.get("suspendedDays").asInt()).isEqualTo(3);
        assertThat(resumed.get("dueDate").asString()).isEqualTo("2026-10-16");

        HttpResponse<String> asked = act("officer-market", n, "extensions", Map.of("days", 2, "reason", "需专家论证"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        long ext = json(asked).get("id").asLong();
        assertThat(act("officer-market", n, "extensions/" + ext + "/decision", Map.of("approve", true)).statusCode()).isEqualTo(403);
        assertThat(act("dept-admin-market", n, "extensions/" + ext + "/decision", Map.of("approve", true)).statusCode()).isEqualTo(200);
        assertThat(caseAs("officer-market", n).get("dueDate").asString()).isEqualTo("2026-10-20");

        JsonNode approved = json(act("officer-market", n, "subtask/decision", Map.of("outcome", "APPROVED")));
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        JsonNode approvedEvent = events(n).stream().filter(e -> "APPROVED".equals(e.get("status").asString())).reduce((a, b) -> b).orElseThrow();
        assertThat(approvedEvent.get("issuesLicenceType").asString()).isEqualTo(FOOD_LICENCE_TYPE);
        assertThat(eventTypes(n)).contains("cn.onehall.case.approved", "cn.onehall.case.extended", "cn.onehall.case.suspended",
                "cn.onehall.case.resumed");

        HttpResponse<String> tooEarly = act("officer-market", n, "delivery", Map.of("method", "ONLINE"));
        assertThat(json(tooEarly).get("code").asString()).isEqualTo("LICENCE_NOT_ISSUED");
        licenceIssued(n);
        await().atMost(Duration.ofSeconds(20)).until(() -> !caseAs("zhangsan", n).path("licenceId").isMissingNode());
        assertThat(caseAs("zhangsan", n).get("licenceId").asString()).isEqualTo("LIC-FOOD-" + n);

        assertThat(act("officer-market", n, "delivery", Map.of("method", "POST")).statusCode()).isEqualTo(400);
        assertThat(act("officer-market", n, "delivery", Map.of("method", "ONLINE")).statusCode()).isEqualTo(200);
        assertThat(act("officer-market", n, "completion", null).statusCode()).isEqualTo(200);
        HttpResponse<String> late = act("zhangsan", n, "withdrawal", null);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).get("currentStatus").asString()).isEqualTo("COMPLETED");

        assertThat(call("POST", "/api/applications/cases/" + n + "/evaluation", "lisi", Map.of("level", "SATISFIED")).statusCode()).isEqualTo(404);
        HttpResponse<String> evaluated = call("POST", "/api/applications/cases/" + n + "/evaluation", "zhangsan",
                Map.of("level", "DISSATISFIED", "comment", "等待时间长"));
        assertThat(evaluated.statusCode()).as(evaluated.body()).isEqualTo(201);
        assertThat(json(evaluated).get("rectificationDue").asString()).isEqualTo("2026-10-19");
        assertThat(call("POST", "/api/applications/cases/" + n + "/evaluation", "zhangsan", Map.of("level", "SATISFIED")).statusCode()).isEqualTo(409);
        JsonNode evaluationEvent = events(n).getLast();
        assertThat(evaluationEvent.get("evaluation").get("level").asString()).isEqualTo("DISSATISFIED");
        assertThat(evaluationEvent.get("completedAt").isNull()).isFalse();

        JsonNode timeline = caseAs("zhangsan", n).get("timeline");
        assertThat(timeline.toString()).contains("correction-requested", "resubmitted", "accepted", "suspended", "resumed", "extended",
                "approved", "licence-attached", "delivered", "completed", "evaluated");
    }

    @Test
    void twoOfficersActingAtOnceOneWinsTheOtherGets409() throws Exception {
        clock.set("2026-09-30T10:00:00");
        String n = submitted("taishan-foods", PARALLEL_ITEM).get("caseNumber").asString();
        String etag = "\"" + caseAs("officer-market", n).get("version").asInt() + "\"";
        Callable<Integer> accept = () -> call("POST", "/api/applications/cases/" + n + "/acceptance", "officer-market", Map.of(),
                Map.of("If-Match", etag)).statusCode();
        Callable<Integer> refuse = () -> call("POST", "/api/applications/cases/" + n + "/refusal", "officer-market", Map.of("reason", "材料不全"),
                Map.of("If-Match", etag)).statusCode();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Integer> codes = pool.invokeAll(List.of(accept, refuse)).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        }
        assertThat(eventTypes(n)).hasSize(2);
    }

    @Test
    void theApplicantWithdrawsBeforeADecision() {
        String n = submitted("lisi", PARALLEL_ITEM).get("caseNumber").asString();
        assertThat(act("officer-market", n, "withdrawal", null).statusCode()).isEqualTo(403);
        HttpResponse<String> w = act("lisi", n, "withdrawal", Map.of("reason", "不再需要"));
        assertThat(w.statusCode()).isEqualTo(200);
        assertThat(json(w).get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(eventTypes(n)).containsExactly("cn.onehall.case.submitted", "cn.onehall.case.withdrawn");
        assertThat(act("officer-market", n, "acceptance", Map.of()).statusCode()).isEqualTo(409);
    }

    /** What e-license-service publishes once it has issued the licence an approval asked for. */
    private void licenceIssued(String caseNumber) {
        Map<String, Object> event = Map.of("specversion", "1.0", "id", java.util.UUID.randomUUID().toString(), "source", "/onehall/e-license-service",
                "type", "cn.onehall.license.issued", "subject", "LIC-FOOD-" + caseNumber, "time", "2026-10-12T09:30:00+08:00",
                "datacontenttype", "application/json", "data", Map.of("licenceId", "LIC-FOOD-" + caseNumber,
                        "identifier", "1.2.156.3005.2.11440781MB2C00012D003.11440781MB2C00012D.20260000009.001.K", "typeCode", FOOD_LICENCE_TYPE,
                        "typeName", "食品经营许可证", "holderType", "NATURAL_PERSON", "caseNumber", caseNumber, "regionCode", "440781",
                        "departmentCode", MARKET, "issuedAt", "2026-10-12T09:30:00+08:00", "validUntil", "2031-10-11"));
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, LocalApi.JSON.writeValueAsString(event)))
                .withStreamKey(EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, "e-license-service")));
    }
}
