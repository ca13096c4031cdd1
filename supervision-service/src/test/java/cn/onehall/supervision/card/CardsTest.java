package cn.onehall.supervision.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.SupervisionTest;
import tools.jackson.databind.JsonNode;

/** Yellow and red cards raised and cleared by the scan, over the real calendar and a clock the test moves. */
class CardsTest extends SupervisionTest {

    @Autowired
    CardScan scan;

    private List<String> activeRules(String caseNumber) {
        return jdbc.sql("SELECT rule FROM card WHERE case_number = ? AND active_key IS NOT NULL ORDER BY rule").param(caseNumber).query(String.class).list();
    }

    private List<String> cardEvents(String caseNumber) {
        return jdbc.sql("SELECT CONCAT(type, ' ', JSON_VALUE(payload, '$.rule')) FROM outbox_event WHERE subject = ? ORDER BY seq")
                .param(caseNumber).query(String.class).list();
    }

    private Map<String, Object> accepted(String no, String acceptedAt, String due) {
        Map<String, Object> d = CaseEventsOnStream.data(no, "ACCEPTED", acceptedAt);
        d.put("submittedAt", acceptedAt);
        d.put("acceptedAt", acceptedAt);
        d.put("dueDate", due);
        return d;
    }

    @Test
    void timeCardsFollowTheWorkingDayCalendarYellowThenRedThenClearedByTheDecision() {
        String no = caseNumber("TIME");
        startAt("2026-09-29T10:30:00+08:00"); // each scenario starts before its events
        // accepted Tue 29 Sep, 5 working days: 30 Sep, 8 Oct, 9 Oct, Sat 10 Oct (调休上班), Mon 12 Oct = due
        awaitHandled(stream().publish("accepted", accepted(no, "2026-09-29T10:00:00+08:00", "2026-10-12")));

        clock.set("2026-10-09T12:00:00+08:00"); // two working days left of five: not yet
        scan.scanOnce();
        assertThat(activeRules(no)).isEmpty();

        clock.set("2026-10-10T09:00:00+08:00"); // one working day left (the make-up Saturday counts)
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("TIME_NEARLY_DUE");

        clock.set("2026-10-13T09:00:00+08:00"); // past the due date
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("TIME_OVERDUE");

        Map<String, Object> approved = accepted(no, "2026-09-29T10:00:00+08:00", "2026-10-12");
        approved.put("status", "APPROVED");
        approved.put("occurredAt", "2026-10-13T10:00:00+08:00");
        approved.put("decidedAt", "2026-10-13T10:00:00+08:00");
        awaitHandled(stream().publish("approved", approved));
        scan.scanOnce();
        assertThat(activeRules(no)).isEmpty();

        assertThat(cardEvents(no)).containsExactly(
                "cn.onehall.supervision.card-raised TIME_NEARLY_DUE",
                "cn.onehall.supervision.card-cleared TIME_NEARLY_DUE",
                "cn.onehall.supervision.card-raised TIME_OVERDUE",
                "cn.onehall.supervision.card-cleared TIME_OVERDUE");
        JsonNode raised = LocalApi.JSON.readTree(jdbc.sql("SELECT payload FROM outbox_event WHERE subject = ? ORDER BY seq LIMIT 1")
                .param(no).query(String.class).single());
        assertThat(raised.propertyNames()).containsExactlyInAnyOrder("cardId", "colour", "kind", "rule", "caseNumber", "departmentCode",
                "regionCode", "raisedAt");
        assertThat(raised.get("colour").asString()).isEqualTo("YELLOW");
        assertThat(raised.get("kind").asString()).isEqualTo("TIME");
        assertThat(raised.get("regionCode").asString()).isEqualTo("440781");
        assertThat(raised.get("raisedAt").asString()).isEqualTo("2026-10-10T01:00:00Z");

        scan.scanOnce(); // nothing changed: nothing raised twice
        assertThat(cardEvents(no)).hasSize(4);
    }

    @Test
    void lateAcceptanceIsCardedTheDayItIsLateAndClearedWhenTheCaseEnds() {
        String no = caseNumber("ACC");
        startAt("2026-09-21T10:30:00+08:00");
        Map<String, Object> d = CaseEventsOnStream.data(no, "SUBMITTED", "2026-09-21T10:00:00+08:00");
        d.put("submittedAt", "2026-09-21T10:00:00+08:00");
        awaitHandled(stream().publish("submitted", d));
        clock.set("2026-09-29T18:00:00+08:00"); // 5 working days since Mon 21 Sep (25 Sep is a day off): still allowed
        scan.scanOnce();
        assertThat(activeRules(no)).isEmpty();
        clock.set("2026-09-30T08:30:00+08:00"); // the sixth working day
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("PROCESS_LATE_ACCEPTANCE");

        d.put("status", "ACCEPTED");
        d.put("occurredAt", "2026-09-30T09:00:00+08:00");
        d.put("acceptedAt", "2026-09-30T09:00:00+08:00");
        d.put("dueDate", "2026-10-14");
        awaitHandled(stream().publish("accepted", d));
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("PROCESS_LATE_ACCEPTANCE"); // accepted late stays a fact

        d.put("status", "COMPLETED");
        d.put("occurredAt", "2026-10-09T09:00:00+08:00");
        d.put("decidedAt", "2026-10-09T09:00:00+08:00");
        d.put("completedAt", "2026-10-09T09:00:00+08:00");
        awaitHandled(stream().publish("completed", d));
        scan.scanOnce();
        assertThat(activeRules(no)).isEmpty();
    }

    @Test
    void processAndContentCardsComeAndGoWithTheCase() {
        startAt("2026-10-14T09:00:00+08:00");
        String no = caseNumber("PC");
        Map<String, Object> d = accepted(no, "2026-10-12T10:00:00+08:00", "2026-10-19");
        d.put("correctionNotices", 2);
        d.put("feeCharged", 50);
        d.put("guideFee", 20);
        d.put("missingRequiredMaterials", true);
        awaitHandled(stream().publish("accepted", d));
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("CONTENT_FEE_ABOVE_GUIDE", "CONTENT_MISSING_REQUIRED_MATERIAL", "PROCESS_SECOND_CORRECTION");

        d.put("occurredAt", "2026-10-14T10:00:00+08:00");
        d.put("feeCharged", 20);
        d.put("missingRequiredMaterials", false);
        awaitHandled(stream().publish("visit-recorded", d));
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("PROCESS_SECOND_CORRECTION");
    }

    @Test
    void aBadReviewNotRectifiedByItsDeadlineIsRedUntilTheApplicantEvaluatesAgain() {
        startAt("2026-10-15T09:00:00+08:00");
        String no = caseNumber("BAD");
        Map<String, Object> d = CaseEventsOnStream.data(no, "COMPLETED", "2026-10-14T09:00:00+08:00");
        d.put("submittedAt", "2026-10-12T09:00:00+08:00");
        d.put("completedAt", "2026-10-14T09:00:00+08:00");
        d.put("evaluation", Map.of("level", "DISSATISFIED", "rectificationDue", "2026-10-15"));
        awaitHandled(stream().publish("evaluated", d));
        scan.scanOnce();
        assertThat(activeRules(no)).isEmpty(); // the deadline is today
        clock.set("2026-10-16T00:10:00+08:00");
        scan.scanOnce();
        assertThat(activeRules(no)).containsExactly("PROCESS_BAD_REVIEW_NOT_RECTIFIED");
        d.put("occurredAt", "2026-10-16T09:00:00+08:00");
        d.put("evaluation", Map.of("level", "BASICALLY_SATISFIED"));
        awaitHandled(stream().publish("evaluated", d));
        scan.scanOnce();
        assertThat(activeRules(no)).isEmpty();
    }

    @Test
    void theScheduledScanRaisesWithinAMinuteOnOneReplicaAtATime() {
        String no = caseNumber("SCH");
        Map<String, Object> d = accepted(no, "2026-10-12T10:00:00+08:00", "2026-10-19");
        d.put("feeCharged", 99);
        stream().publish("accepted", d);
        // no direct scan call: the schedule (0.5 s in tests, 1 s by default) must find it
        await().atMost(Duration.ofSeconds(60)).until(() -> activeRules(no).contains("CONTENT_FEE_ABOVE_GUIDE"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shedlock WHERE name = ?").param(CardSchedule.LOCK).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void supervisorsSeeTheirRegionSubtreeAndDepartmentsTheirOwn() {
        String taishan = caseNumber("AUT");
        String chaoan = caseNumber("AUC");
        Map<String, Object> t = accepted(taishan, "2026-10-12T10:00:00+08:00", "2026-10-19");
        t.put("feeCharged", 99);
        Map<String, Object> c = accepted(chaoan, "2026-10-12T10:00:00+08:00", "2026-10-19");
        c.put("feeCharged", 99);
        c.put("regionCode", "445103");
        c.put("departmentCode", "11445103MB2E00013M");
        c.put("itemCode", "11445103MB2E00013M-LIC-001");
        awaitHandled(stream().publish("accepted", t));
        awaitHandled(stream().publish("accepted", c));
        scan.scanOnce();

        assertThat(cases("supervisor-taishan", "")).contains(taishan).doesNotContain(chaoan);
        assertThat(cases("supervisor-jiangmen", "")).contains(taishan).doesNotContain(chaoan);
        assertThat(cases("supervisor-chaoan", "")).contains(chaoan).doesNotContain(taishan);
        assertThat(cases("officer-market", "")).contains(taishan).doesNotContain(chaoan);
        assertThat(cases("officer-civil", "")).doesNotContain(taishan, chaoan);
        assertThat(cases("platform-admin", "")).contains(taishan, chaoan);

        assertThat(get("/api/supervision/cards?region=440781", "supervisor-chaoan").statusCode()).isEqualTo(403);
        assertThat(get("/api/supervision/cards?department=11445103MB2E00013M", "officer-market").statusCode()).isEqualTo(403);
        assertThat(get("/api/supervision/cards", "zhangsan").statusCode()).isEqualTo(403);
        assertThat(get("/api/supervision/cards", null).statusCode()).isEqualTo(401);
        for (String bad : List.of("status=NOPE", "limit=0", "limit=500", "region=abc", "cursor=x1", "colour=GREEN", "department=123")) {
            var r = get("/api/supervision/cards?" + bad, "supervisor-taishan");
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        }

        // keyset pages: every card once, newest first
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/supervision/cards?status=ALL&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), "supervisor-jiangmen"));
            page.get("items").forEach(i -> ids.add(i.get("cardId").asString()));
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        long all = jdbc.sql("SELECT COUNT(*) FROM card WHERE region_code LIKE '4407%'").query(Long.class).single();
        assertThat(ids).doesNotHaveDuplicates().hasSize((int) all);
    }

    private String cases(String user, String query) {
        var r = get("/api/supervision/cards?limit=200" + query, user);
        assertThat(r.statusCode()).as(user).isEqualTo(200);
        return r.body();
    }
}
