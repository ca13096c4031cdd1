package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import cn.onehall.license.licence.IssueCommand;
import cn.onehall.license.licence.LicenceService;
import cn.onehall.starter.events.EventStreams;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** Issuing from application-service's approved-case events, exactly once per case. */
class CaseIssuingTest extends LicenceTestBase {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    LicenceService service;

    @Test
    void anApprovedCaseIssuesItsLicenceOnceEvenWhenTheEventComesTwice() {
        String caseNumber = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        String eventId = UUID.randomUUID().toString();
        publishApproved(eventId, caseNumber, BUSINESS, "LEGAL_PERSON", TAISHAN_FOODS);
        publishApproved(eventId, caseNumber, BUSINESS, "LEGAL_PERSON", TAISHAN_FOODS);          // redelivered
        publishApproved(UUID.randomUUID().toString(), caseNumber, BUSINESS, "LEGAL_PERSON", TAISHAN_FOODS); // published again

        await().atMost(Duration.ofSeconds(20)).until(() -> count(caseNumber) == 1);
        String marker = "M" + UUID.randomUUID().toString().substring(0, 8);
        String markerCase = "C" + marker.toUpperCase();
        publishApproved(UUID.randomUUID().toString(), markerCase, BUSINESS, "LEGAL_PERSON", TAISHAN_FOODS);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(markerCase) == 1); // everything before it was handled
        assertThat(count(caseNumber)).isEqualTo(1);

        JsonNode issued = LocalApi.JSON.readTree(jdbc.sql("SELECT payload FROM outbox_event WHERE type = 'cn.onehall.license.issued' "
                + "AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.caseNumber')) = ?").param(caseNumber).query(String.class).single());
        assertThat(issued.get("typeCode").asString()).isEqualTo(BUSINESS);
        assertThat(issued.get("typeName").asString()).isEqualTo("营业执照");
        String licenceId = issued.get("licenceId").asString();
        JsonNode licence = json(api.get("/api/licenses/" + licenceId, "taishan-foods"));
        assertThat(licence.get("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(licence.get("source").asString()).isEqualTo("CASE");
        assertThat(licence.get("data").get("itemCode").asString()).isEqualTo("11440781MB2C00012D-BL-01");
        assertThat(licence.get("validFrom").asString()).isEqualTo("2026-10-09");

        // Re-issued without new fields, it keeps the case reference; the case still has exactly one licence row per version
        var reissued = post("/api/licenses/" + licenceId + "/reissue", ADMIN, Map.of("reason", "换发"));
        assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(201);
        assertThat(json(reissued).get("version").asInt()).isEqualTo(2);
        assertThat(json(reissued).get("data").get("caseNumber").asString()).isEqualTo(caseNumber);
        assertThat(post("/api/licenses/" + json(reissued).get("licenceId").asString() + "/reissue", ADMIN,
                Map.of("reason", "x", "validUntil", "2001-01-01")).statusCode()).isEqualTo(400);
    }

    @Test
    void casesOfItemsThatIssueNoLicenceIssueNothing() {
        String caseNumber = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        publishApproved(UUID.randomUUID().toString(), caseNumber, null, "NATURAL_PERSON", ZHANGSAN_ID);
        String markerCase = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        publishApproved(UUID.randomUUID().toString(), markerCase, ID_CARD, "NATURAL_PERSON", ZHANGSAN_ID);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(markerCase) == 1);
        assertThat(count(caseNumber)).isZero();
    }

    @Test
    void anApprovedCaseWhoseHolderDoesNotFitTheTypeIssuesNothingAndIsDeadLettered() {
        String caseNumber = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        publishApproved(UUID.randomUUID().toString(), caseNumber, BUSINESS, "NATURAL_PERSON", ZHANGSAN_ID); // a business licence for a person
        String dlq = EventStreams.deadLetterKey(TestSchema.EVENT_STREAM_PREFIX, "application-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.opsForStream().range(dlq, org.springframework.data.domain.Range.unbounded())
                .stream().anyMatch(m -> String.valueOf(m.getValue().get("event")).contains(caseNumber)));
        assertThat(count(caseNumber)).isZero();
        // the dead letter says why, without the holder's number
        String error = redis.opsForStream().range(dlq, org.springframework.data.domain.Range.unbounded()).stream()
                .filter(m -> String.valueOf(m.getValue().get("event")).contains(caseNumber)).findFirst().orElseThrow().getValue().get("error").toString();
        assertThat(error).contains("holderType").doesNotContain(ZHANGSAN_ID);
    }

    @Test
    void twoConsumersRacingForOneCaseMakeOneLicence() throws Exception {
        String caseNumber = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        int racers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return service.issueForCase(new IssueCommand(BUSINESS, "LEGAL_PERSON", TAISHAN_FOODS, Map.of("caseNumber", caseNumber), null, null,
                        caseNumber, null, "440781", "CASE")).isPresent();
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
            if (f.get()) {
                winners++;
            }
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(count(caseNumber)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.license.issued' "
                + "AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.caseNumber')) = ?").param(caseNumber).query(Long.class).single()).isEqualTo(1);
    }

    private long count(String caseNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM licence WHERE case_number = ?").param(caseNumber).query(Long.class).single();
    }

    private void publishApproved(String eventId, String caseNumber, String typeCode, String holderType, String holderRef) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("caseNumber", caseNumber);
        data.put("itemCode", "11440781MB2C00012D-BL-01");
        data.put("itemVersion", 3);
        data.put("regionCode", "440781");
        data.put("departmentCode", "11440781MB2C00012D");
        data.put("status", "APPROVED");
        data.put("decidedAt", "2026-10-09T10:15:00+08:00");
        data.put("holderType", holderType);
        data.put("holderRef", holderRef);
        data.put("issuesLicenceType", typeCode);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", eventId);
        envelope.put("source", "/onehall/application-service");
        envelope.put("type", "cn.onehall.case.approved");
        envelope.put("subject", caseNumber);
        envelope.put("time", OffsetDateTime.now().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, LocalApi.JSON.writeValueAsString(envelope)))
                .withStreamKey(EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, "application-service")));
    }
}
