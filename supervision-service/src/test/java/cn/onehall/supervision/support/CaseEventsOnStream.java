package cn.onehall.supervision.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventStreams;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;

/**
 * Puts case events on application-service's stream exactly as its outbox relay does (one XADD per event, field
 * {@code event} = the CloudEvents JSON, data = the contract's case data object).
 */
public final class CaseEventsOnStream {

    public static final String STREAM = EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, "application-service");

    private final StringRedisTemplate redis;

    public CaseEventsOnStream(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A case's data object with every contract field; callers change what their scenario needs. */
    public static Map<String, Object> data(String caseNumber, String status, String occurredAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("caseNumber", caseNumber);
        d.put("itemCode", "11440781MB2C00012D-LIC-001");
        d.put("itemVersion", 1);
        d.put("bundleCode", null);
        d.put("regionCode", "440781");
        d.put("departmentCode", "11440781MB2C00012D");
        d.put("powerType", "LICENSING");
        d.put("onlineDepth", 5);
        d.put("itemVisits", 0);
        d.put("channel", "ONLINE_WEB");
        d.put("status", status);
        d.put("submittedAt", null);
        d.put("acceptedAt", null);
        d.put("decidedAt", null);
        d.put("completedAt", null);
        d.put("occurredAt", occurredAt);
        d.put("promisedLimit", Map.of("value", 5, "unit", "WORKING_DAYS"));
        d.put("dueDate", null);
        d.put("suspendedDays", 0);
        d.put("visits", 0);
        d.put("correctionNotices", 0);
        d.put("feeCharged", null);
        d.put("guideFee", 0);
        d.put("missingRequiredMaterials", false);
        d.put("holderType", "NATURAL_PERSON");
        d.put("holderRef", "440781198803140029");
        d.put("issuesLicenceType", "11440781MB2C00012D001");
        d.put("subtask", null);
        d.put("evaluation", null);
        d.put("reason", null);
        return d;
    }

    /** Publishes {@code cn.onehall.case.<verb>} with a fresh event id; returns the envelope. */
    public CloudEvent publish(String verb, Map<String, Object> data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), EventStreams.source("application-service"),
                "cn.onehall.case." + verb, (String) data.get("caseNumber"), OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON,
                LocalApi.JSON.valueToTree(data), null);
        return publish(event);
    }

    /** Publishes an envelope as it is (a redelivery of the same id, for instance). */
    public CloudEvent publish(CloudEvent event) {
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, LocalApi.JSON.writeValueAsString(event)))
                .withStreamKey(STREAM));
        return event;
    }

    /** An event of another stream (e-license-service, identity-service), same envelope. */
    public CloudEvent publishOn(String service, String type, String subject, Map<String, Object> data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), EventStreams.source(service), type, subject,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, LocalApi.JSON.valueToTree(data), null);
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, LocalApi.JSON.writeValueAsString(event)))
                .withStreamKey(EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, service)));
        return event;
    }
}
