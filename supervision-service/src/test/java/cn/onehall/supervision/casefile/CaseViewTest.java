package cn.onehall.supervision.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.SupervisionTest;

/** Case events from application-service's stream into the supervision view: idempotent, in order, never regressing. */
class CaseViewTest extends SupervisionTest {

    @Autowired
    CaseViewRepository views;

    private long processed(String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?").param(eventId).query(Long.class).single();
    }

    private long monthCases(String item, String month) {
        return jdbc.sql("SELECT COALESCE(SUM(cases), 0) FROM case_month WHERE item_code = ? AND month = ?").params(item, month).query(Long.class).single();
    }

    @Test
    void theLifecycleOfACaseBuildsItsView() {
        String no = caseNumber("V");
        Map<String, Object> d = CaseEventsOnStream.data(no, "SUBMITTED", "2026-09-21T09:00:00+08:00");
        d.put("itemCode", "ITEM-VIEW-1");
        d.put("submittedAt", "2026-09-21T09:00:00+08:00");
        stream().publish("submitted", d);
        d.put("status", "CORRECTION_REQUIRED");
        d.put("occurredAt", "2026-09-21T10:00:00+08:00");
        d.put("correctionNotices", 1);
        stream().publish("correction-requested", d);
        d.put("status", "ACCEPTED");
        d.put("occurredAt", "2026-09-22T10:00:00+08:00");
        d.put("acceptedAt", "2026-09-22T10:00:00+08:00");
        d.put("dueDate", "2026-09-29");
        d.put("suspendedDays", 1);
        d.put("visits", 1);
        d.put("feeCharged", 30);
        d.put("guideFee", 20);
        CloudEvent accepted = stream().publish("accepted", d);

        await().atMost(PATIENCE).until(() -> processed(accepted.id()) == 1);
        CaseView v = views.find(no).orElseThrow();
        assertThat(v.status()).isEqualTo("ACCEPTED");
        assertThat(v.dueDate()).hasToString("2026-09-29");
        assertThat(v.suspendedDays()).isEqualTo(1);
        assertThat(v.correctionNotices()).isEqualTo(1);
        assertThat(v.visits()).isEqualTo(1);
        assertThat(v.channel()).isEqualTo("ONLINE_WEB");
        assertThat(v.regionCode()).isEqualTo("440781");
        assertThat(v.departmentCode()).isEqualTo("11440781MB2C00012D");
        assertThat(v.feeCharged()).isEqualByComparingTo("30");
        assertThat(v.submittedAt()).hasToString("2026-09-21T01:00:00Z");
        assertThat(v.acceptedAt()).hasToString("2026-09-22T02:00:00Z");
        assertThat(monthCases("ITEM-VIEW-1", "2026-09")).isEqualTo(1);

        // through the API, in scope only; 404 elsewhere, revealing nothing
        var seen = get("/api/supervision/cases/" + no, "supervisor-jiangmen");
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(json(seen).get("view").get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(seen.body()).doesNotContain("440781198803140029");
        assertThat(get("/api/supervision/cases/" + no, "officer-market").statusCode()).isEqualTo(200);
        assertThat(get("/api/supervision/cases/" + no, "supervisor-chaoan").statusCode()).isEqualTo(404);
        assertThat(get("/api/supervision/cases/" + no, "officer-civil").statusCode()).isEqualTo(404);
        assertThat(get("/api/supervision/cases/" + no, "zhangsan").statusCode()).isEqualTo(403);
        assertThat(get("/api/supervision/cases/" + no, null).statusCode()).isEqualTo(401);

        // the holder's ID number never reaches supervision's tables
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_view WHERE CONCAT_WS('|', case_number, item_code, region_code) LIKE '%440781198803140029%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRedeliveredEventChangesNothingAndAnOlderEventDoesNotRegressTheView() {
        String no = caseNumber("O");
        Map<String, Object> d = CaseEventsOnStream.data(no, "SUBMITTED", "2026-09-21T09:00:00+08:00");
        d.put("itemCode", "ITEM-VIEW-2");
        d.put("submittedAt", "2026-09-21T09:00:00+08:00");
        Map<String, Object> submitted = new java.util.HashMap<>(d);
        d.put("status", "APPROVED");
        d.put("occurredAt", "2026-09-24T09:00:00+08:00");
        d.put("acceptedAt", "2026-09-22T09:00:00+08:00");
        d.put("decidedAt", "2026-09-24T09:00:00+08:00");
        d.put("dueDate", "2026-09-30");

        // newer first, then the older one, then the newer one again (same event id: a redelivery)
        CloudEvent approved = stream().publish("approved", d);
        CloudEvent older = stream().publish("submitted", submitted);
        stream().publish(approved);
        await().atMost(PATIENCE).until(() -> processed(older.id()) == 1 && processed(approved.id()) == 1);
        // one more event after the redelivery, so we know the stream was read past it
        Map<String, Object> later = new java.util.HashMap<>(d);
        later.put("status", "DELIVERED");
        later.put("occurredAt", "2026-09-24T10:00:00+08:00");
        CloudEvent delivered = stream().publish("delivered", later);
        await().atMost(PATIENCE).until(() -> processed(delivered.id()) == 1);

        CaseView v = views.find(no).orElseThrow();
        assertThat(v.status()).isEqualTo("DELIVERED");
        assertThat(v.decidedAt()).isNotNull();
        assertThat(monthCases("ITEM-VIEW-2", "2026-09")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT decided, decided_on_time, timed_decisions, decision_working_days FROM case_month WHERE item_code = 'ITEM-VIEW-2'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single())
                .containsExactly(1, 1, 1, 2); // 09-22 → 09-24: two working days
    }

    @Test
    void aLaterEvaluationRectifiesABadReviewEvenWhenOtherEventsCameBetween() {
        String no = caseNumber("E");
        Map<String, Object> d = CaseEventsOnStream.data(no, "COMPLETED", "2026-09-24T09:00:00+08:00");
        d.put("itemCode", "ITEM-VIEW-3");
        d.put("submittedAt", "2026-09-21T09:00:00+08:00");
        d.put("completedAt", "2026-09-24T09:00:00+08:00");
        stream().publish("completed", d);
        d.put("occurredAt", "2026-09-24T12:00:00+08:00");
        d.put("evaluation", Map.of("level", "VERY_DISSATISFIED", "rectificationDue", "2026-09-30"));
        stream().publish("evaluated", d);
        d.put("occurredAt", "2026-09-28T12:00:00+08:00");
        d.put("evaluation", Map.of("level", "SATISFIED"));
        CloudEvent good = stream().publish("evaluated", d);
        await().atMost(PATIENCE).until(() -> processed(good.id()) == 1);
        CaseView v = views.find(no).orElseThrow();
        assertThat(v.evaluationLevel()).isEqualTo("SATISFIED");
        assertThat(v.badReviewAt()).isNotNull();
        assertThat(v.rectifiedAt()).isNotNull();
        assertThat(jdbc.sql("SELECT evaluations, satisfied, bad_reviews, bad_rectified FROM case_month WHERE item_code = 'ITEM-VIEW-3'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single())
                .containsExactly(1, 1, 1, 1);
    }
}
