package cn.onehall.supervision.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onehall.supervision.card.CardScan;
import cn.onehall.supervision.support.CaseEventsOnStream;
import cn.onehall.supervision.support.SupervisionTest;
import tools.jackson.databind.JsonNode;

/** Anonymous complaints: throttled per IP, routed, answered, watched by the card scan, published once handled. */
class ComplaintsTest extends SupervisionTest {

    static final String MARKET = "11440781MB2C00012D";
    static final String CIVIL = "11440781MB2C000208";

    @Autowired
    CardScan scan;

    private static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private HttpResponse<String> file(Map<String, Object> body, String ip, String key) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("X-Forwarded-For", ip));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return call("POST", "/api/supervision/public/complaints", null, body, headers);
    }

    private List<String> activeCards(String complaint) {
        return jdbc.sql("SELECT rule FROM card WHERE complaint_number = ? AND active_key IS NOT NULL").param(complaint).query(String.class).list();
    }

    @Test
    void aComplaintIsRoutedAnsweredWatchedAndPublished() {
        startAt("2026-11-02T09:00:00+08:00"); // Monday
        String ip = randomIp();
        String content = "窗口工作人员要求提供指南以外的材料 " + System.nanoTime();
        HttpResponse<String> filed = file(Map.of("category", "COMPLAINT", "regionCode", "440781", "departmentCode", MARKET, "content", content),
                ip, "complaint-" + System.nanoTime());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode receipt = json(filed);
        String number = receipt.get("complaintNumber").asString();
        assertThat(receipt.get("departmentCode").asString()).isEqualTo(MARKET);
        assertThat(receipt.get("responseDue").asString()).isEqualTo("2026-11-09"); // five working days

        // the department sees it with its content; another region's supervisor does not
        assertThat(get("/api/supervision/complaints?status=OPEN", "officer-market").body()).contains(number, content);
        assertThat(get("/api/supervision/complaints", "supervisor-chaoan").body()).doesNotContain(number);
        assertThat(get("/api/supervision/complaints", "officer-civil").body()).doesNotContain(number);

        clock.set("2026-11-09T17:00:00+08:00");
        scan.scanOnce();
        assertThat(activeCards(number)).isEmpty();
        clock.set("2026-11-10T08:00:00+08:00"); // past the deadline, unanswered
        scan.scanOnce();
        assertThat(activeCards(number)).containsExactly("COMPLAINT_NOT_ANSWERED");
        assertThat(get("/api/supervision/cards?department=" + MARKET, "officer-market").body()).contains(number);

        assertThat(call("POST", "/api/supervision/complaints/" + number + "/response", "officer-civil", Map.of("publicReply", "不是我们的"), Map.of())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> answer = call("POST", "/api/supervision/complaints/" + number + "/response", "officer-market",
                Map.of("publicReply", "已核实并整改，向申请人致歉。"), Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(call("POST", "/api/supervision/complaints/" + number + "/response", "officer-market",
                Map.of("publicReply", "again"), Map.of()).statusCode()).isEqualTo(409);
        scan.scanOnce();
        assertThat(activeCards(number)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE subject = ?").param(number).query(Long.class).single()).isEqualTo(2);

        HttpResponse<String> published = get("/api/supervision/public/complaints?region=440781", null);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains(number, "已核实并整改").doesNotContain(content);
    }

    @Test
    void routingByItemIdempotencyAndBadInput() {
        String item = "CP-ITEM-" + System.nanoTime();
        Map<String, Object> d = CaseEventsOnStream.data(caseNumber("CP"), "SUBMITTED", "2026-11-02T09:00:00+08:00");
        d.put("itemCode", item);
        d.put("departmentCode", CIVIL);
        d.put("submittedAt", "2026-11-02T09:00:00+08:00");
        awaitHandled(stream().publish("submitted", d));
        String ip = randomIp();
        String key = "same-key-" + System.nanoTime();
        Map<String, Object> body = Map.of("category", "CORRECTION", "regionCode", "440781", "itemCode", item, "content", "办事指南的收费标准写错了");
        JsonNode first = json(file(body, ip, key));
        assertThat(first.get("departmentCode").asString()).isEqualTo(CIVIL);
        assertThat(json(file(body, ip, key)).get("complaintNumber").asString()).isEqualTo(first.get("complaintNumber").asString());

        assertThat(file(Map.of("category", "CORRECTION", "regionCode", "440781", "itemCode", "NO-SUCH-ITEM", "content", "无法确定部门的投诉"), ip, null)
                .statusCode()).isEqualTo(422);
        assertThat(file(Map.of("category", "CORRECTION", "regionCode", "445103", "itemCode", item, "content", "地区不符的投诉内容"), randomIp(), null)
                .statusCode()).isEqualTo(422);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("category", "PRAISE", "regionCode", "440781", "departmentCode", MARKET, "content", "内容足够长了吧"),
                Map.of("category", "COMPLAINT", "regionCode", "44", "departmentCode", MARKET, "content", "内容足够长了吧"),
                Map.of("category", "COMPLAINT", "regionCode", "440781", "departmentCode", "123", "content", "内容足够长了吧"),
                Map.of("category", "COMPLAINT", "regionCode", "440781", "departmentCode", MARKET, "content", "短"))) {
            HttpResponse<String> r = file(bad, randomIp(), null);
            assertThat(r.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(json(r).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(call("POST", "/api/supervision/public/complaints", null, "{not json", Map.of("X-Forwarded-For", randomIp())).statusCode()).isEqualTo(400);
    }

    @Test
    void oneAddressIsThrottledOthersAreNot() {
        String ip = randomIp();
        Map<String, Object> body = Map.of("category", "COMPLAINT", "regionCode", "440781", "departmentCode", MARKET, "content", "反复提交的投诉内容");
        for (int i = 0; i < 5; i++) {
            assertThat(file(body, ip, null).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> limited = file(body, ip, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(file(body, randomIp(), null).statusCode()).isEqualTo(201);
    }
}
