package cn.onehall.identity.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import cn.onehall.identity.IdentityTestSupport;
import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventStreams;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** Events put onto the producers' streams (as the starter's EventsTest does) become messages in the right inboxes. */
class MessagesTest extends IdentityTestSupport {

    static final String ZHANGSAN = "440781198803140029";
    static final String TAISHAN_MARKET = "11440781MB2C00012D";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    StringRedisTemplate redis;

    String publish(String service, String type, String subject, Map<String, Object> data) {
        return publish(service, UUID.randomUUID().toString(), type, subject, data);
    }

    String publish(String service, String id, String type, String subject, Map<String, Object> data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, id, EventStreams.source(service), type, subject,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, LocalApi.JSON.valueToTree(data), null);
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, LocalApi.JSON.writeValueAsString(event)))
                .withStreamKey(EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, service)));
        return id;
    }

    static Map<String, Object> caseData(String caseNumber, String status) {
        Map<String, Object> data = new HashMap<>();
        data.put("caseNumber", caseNumber);
        data.put("itemCode", "11440781MB2C00012D4440781001000");
        data.put("regionCode", "440781");
        data.put("departmentCode", TAISHAN_MARKET);
        data.put("status", status);
        data.put("holderType", "NATURAL_PERSON");
        data.put("holderRef", ZHANGSAN);
        data.put("dueDate", "2026-12-20");
        data.put("reason", null);
        return data;
    }

    JsonNode messagesOf(String user, String query) {
        return json(api().get("/api/identity/me/messages" + query, user));
    }

    long unread(String user) {
        return json(api().get("/api/identity/me/messages/unread-count", user)).get("unread").asLong();
    }

    @Test
    void caseEventsAndTheLicenceReachTheHolderOnlyOnceEach() {
        String caseNumber = "C" + System.nanoTime();
        long before = unread("zhangsan");
        long lisiBefore = unread("lisi");
        String accepted = publish("application-service", "cn.onehall.case.accepted", caseNumber, caseData(caseNumber, "ACCEPTED"));
        publish("application-service", accepted, "cn.onehall.case.accepted", caseNumber, caseData(caseNumber, "ACCEPTED")); // redelivered
        publish("application-service", "cn.onehall.case.correction-requested", caseNumber, caseData(caseNumber, "CORRECTION"));
        publish("application-service", "cn.onehall.case.approved", caseNumber, caseData(caseNumber, "APPROVED"));
        publish("e-license-service", "cn.onehall.license.issued", "lic-" + caseNumber, Map.of("licenceId", "lic-" + caseNumber,
                "typeCode", "11440781MB2C00012D002", "typeName", "个体工商户营业执照", "holderType", "NATURAL_PERSON", "caseNumber", caseNumber,
                "regionCode", "440781", "validUntil", "2031-12-01"));

        await().atMost(PATIENCE).until(() -> unread("zhangsan") == before + 4);
        JsonNode page = messagesOf("zhangsan", "?limit=100");
        assertThat(page.toString()).contains("您的申请已受理", "您的申请需要补正材料", "您的申请已准予许可", "您的电子证照已签发", "个体工商户营业执照")
                .doesNotContain(ZHANGSAN);
        assertThat(unread("lisi")).isEqualTo(lisiBefore);
        assertThat(messagesOf("lisi", "?limit=100").toString()).doesNotContain(caseNumber);
        // The department is told nothing of these; staff see their department's messages, not zhangsan's.
        assertThat(messagesOf("officer-market", "?limit=100").toString()).doesNotContain(caseNumber);
    }

    @Test
    void pagesAreKeysetAndReadingCountsDown() {
        String caseNumber = "C" + System.nanoTime();
        publish("application-service", "cn.onehall.case.accepted", caseNumber, caseData(caseNumber, "ACCEPTED"));
        publish("application-service", "cn.onehall.case.completed", caseNumber, caseData(caseNumber, "COMPLETED"));
        await().atMost(PATIENCE).until(() -> messagesOf("zhangsan", "?limit=100").toString().contains("办件编号 " + caseNumber + "：您的申请已办结"));

        JsonNode first = messagesOf("zhangsan", "?limit=1");
        assertThat(first.get("items")).hasSize(1);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = messagesOf("zhangsan", "?limit=1&cursor=" + cursor);
        assertThat(second.get("items").get(0).get("id").asLong()).isLessThan(first.get("items").get(0).get("id").asLong());

        long id = first.get("items").get(0).get("id").asLong();
        long unread = unread("zhangsan");
        assertThat(api().call("PUT", "/api/identity/me/messages/" + id + "/read", "zhangsan", null, Map.of()).statusCode()).isEqualTo(204);
        assertThat(api().call("PUT", "/api/identity/me/messages/" + id + "/read", "zhangsan", null, Map.of()).statusCode()).isEqualTo(204);
        assertThat(unread("zhangsan")).isEqualTo(unread - 1);
        assertThat(messagesOf("zhangsan", "?limit=1").get("items").get(0).get("read").asBoolean()).isTrue();
        assertThat(api().call("PUT", "/api/identity/me/messages/" + id + "/read", "lisi", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/identity/me/messages?limit=1000", "zhangsan").statusCode()).isEqualTo(400);
    }

    @Test
    void cardsAndNewCasesReachTheDepartmentsOfficers() {
        String caseNumber = "C" + System.nanoTime();
        publish("supervision-service", "cn.onehall.supervision.card-raised", caseNumber, Map.of("cardId", "card-1", "colour", "RED",
                "kind", "TIME", "rule", "overdue", "caseNumber", caseNumber, "departmentCode", TAISHAN_MARKET, "regionCode", "440781",
                "raisedAt", "2026-12-04T10:00:00+08:00"));
        publish("application-service", "cn.onehall.case.submitted", caseNumber, caseData(caseNumber, "SUBMITTED"));
        await().atMost(PATIENCE).until(() -> {
            String inbox = messagesOf("officer-market", "?limit=100").toString();
            return inbox.contains("红牌警告") && inbox.contains("新的申请待受理") && inbox.contains(caseNumber);
        });
        assertThat(messagesOf("dept-admin-market", "?limit=100").toString()).contains(caseNumber);
        assertThat(messagesOf("officer-civil", "?limit=100").toString()).doesNotContain(caseNumber);
        assertThat(messagesOf("zhangsan", "?limit=100").toString()).doesNotContain("红牌警告");
    }

    static Map<String, Object> card(String cardId, String colour, String kind, String rule, String caseNumber) {
        return Map.of("cardId", cardId, "colour", colour, "kind", kind, "rule", rule, "caseNumber", caseNumber,
                "departmentCode", TAISHAN_MARKET, "regionCode", "440781", "raisedAt", "2026-12-04T10:00:00+08:00");
    }

    List<JsonNode> messagesAbout(String user, String subject) {
        List<JsonNode> found = new ArrayList<>();
        messagesOf(user, "?limit=100").get("items").forEach(m -> {
            if (subject.equals(m.path("subject").asString())) {
                found.add(m);
            }
        });
        return found;
    }

    @Test
    void aYellowTimeCardIsDueSoonForTheOfficersARedOneOverdueAndClearingChangesNothing() {
        String caseNumber = "C" + System.nanoTime();
        String yellow = "card-y-" + caseNumber;
        publish("supervision-service", "cn.onehall.supervision.card-raised", caseNumber, card(yellow, "YELLOW", "TIME", "TIME_NEARLY_DUE", caseNumber));
        await().atMost(PATIENCE).until(() -> messagesAbout("officer-market", caseNumber).size() == 1);
        JsonNode dueSoon = messagesAbout("officer-market", caseNumber).getFirst();
        assertThat(dueSoon.get("category").asString()).isEqualTo("supervision.due-soon");
        assertThat(dueSoon.get("title").asString()).isEqualTo("即将超期");
        assertThat(dueSoon.get("body").asString()).contains(caseNumber).contains("即将超过承诺办结时限").doesNotContain("已超过");
        assertThat(dueSoon.get("read").asBoolean()).isFalse();
        long unreadBefore = unread("officer-market");

        // The yellow card is cleared as the case turns red (supervision's rule), then the red card and a process card come.
        publish("supervision-service", "cn.onehall.supervision.card-cleared", caseNumber, card(yellow, "YELLOW", "TIME", "TIME_NEARLY_DUE", caseNumber));
        publish("supervision-service", "cn.onehall.supervision.card-raised", caseNumber, card("card-r-" + caseNumber, "RED", "TIME", "TIME_OVERDUE", caseNumber));
        publish("supervision-service", "cn.onehall.supervision.card-raised", caseNumber,
                card("card-p-" + caseNumber, "YELLOW", "PROCESS", "PROCESS_SECOND_CORRECTION", caseNumber));
        await().atMost(PATIENCE).until(() -> messagesAbout("officer-market", caseNumber).size() == 3);

        List<JsonNode> about = messagesAbout("officer-market", caseNumber);
        Map<String, JsonNode> byCategory = new HashMap<>();
        about.forEach(m -> byCategory.put(m.get("category").asString(), m));
        assertThat(byCategory.keySet()).containsExactlyInAnyOrder("supervision.due-soon", "supervision.overdue", "supervision.card-raised");
        assertThat(byCategory.get("supervision.overdue").get("title").asString()).isEqualTo("已超期");
        assertThat(byCategory.get("supervision.overdue").get("body").asString()).contains("已超过承诺办结时限").contains("红牌警告");
        assertThat(byCategory.get("supervision.card-raised").get("title").asString()).isEqualTo("黄牌预警");
        assertThat(byCategory.get("supervision.card-raised").get("body").asString()).contains("两次及以上要求补正");
        // Clearing wrote no message and marked nothing read: the due-soon message is still there, still unread.
        assertThat(byCategory.get("supervision.due-soon").get("id").asLong()).isEqualTo(dueSoon.get("id").asLong());
        assertThat(byCategory.get("supervision.due-soon").get("read").asBoolean()).isFalse();
        assertThat(unread("officer-market")).isEqualTo(unreadBefore + 2);
        // Only the department's officers hear of it.
        assertThat(messagesAbout("officer-civil", caseNumber)).isEmpty();
        assertThat(messagesAbout("zhangsan", caseNumber)).isEmpty();
    }
}
