package cn.onehall.starter.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Announces a change: writes the event to the transactional outbox, in the caller's transaction, so the event exists
 * if and only if the change commits. {@link OutboxRelay} moves it to Redis later; Redis being down never fails or
 * slows the caller.
 */
public class EventPublisher {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectProvider<Tracer> tracer;
    private final String source;

    public EventPublisher(JdbcClient jdbc, JsonMapper json, ObjectProvider<Tracer> tracer, String service) {
        this.jdbc = jdbc;
        this.json = json;
        this.tracer = tracer;
        this.source = EventStreams.source(service);
    }

    /**
     * @param type    reverse-DNS event type, e.g. {@code cn.onehall.case.submitted}
     * @param subject what the event is about, e.g. the case number; consumers see events of one subject in order
     * @param data    a small object (ids, codes, status), serialised with the Boot JsonMapper
     * @return the envelope as consumers will receive it
     * @throws IllegalStateException outside a transaction: an outbox row written on its own would announce a change
     *                               that may never commit
     */
    public CloudEvent publish(String type, String subject, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("EventPublisher.publish(" + type + ") must run inside the transaction of the change it announces");
        }
        if (type == null || type.isBlank() || type.length() > 100) {
            throw new IllegalArgumentException("event type must be 1..100 characters: " + type);
        }
        if (subject != null && subject.length() > 100) {
            throw new IllegalArgumentException("event subject must be at most 100 characters: " + subject);
        }
        // Millisecond precision: what TIMESTAMP(3) keeps, so the returned envelope equals the delivered one.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode payload = data == null ? NullNode.getInstance() : json.valueToTree(data);
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                now.atOffset(ZoneOffset.UTC), CloudEvent.JSON, payload, traceparent());
        // Epoch seconds, not a Timestamp: Connector/J sees MariaDB 10.x as "5.5.5" and would drop the milliseconds,
        // and FROM_UNIXTIME does not depend on the session time zone either.
        jdbc.sql("INSERT INTO outbox_event (id, type, subject, occurred_at, payload, traceparent) VALUES (?, ?, ?, FROM_UNIXTIME(?), ?, ?)")
                .params(event.id(), type, subject, BigDecimal.valueOf(now.toEpochMilli(), 3), json.writeValueAsString(payload), event.traceparent())
                .update();
        return event;
    }

    /** W3C traceparent of the current span, so a consumer's logs and calls join the trace of the request that caused the event. */
    private String traceparent() {
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        // Not span.isNoop(): Brave's unsampled spans are "noop" yet carry real ids, and sampling is 0 by default;
        // propagating them (flags 00) still correlates the logs. Micrometer's NOOP tracer gives empty ids instead.
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        String traceId = context.traceId();
        if (traceId == null || traceId.isEmpty() || context.spanId() == null || context.spanId().isEmpty()) {
            return null;
        }
        if (traceId.length() < 32) {
            traceId = "0".repeat(32 - traceId.length()) + traceId; // 64-bit Brave ids, widened as W3C requires
        }
        return "00-" + traceId + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
