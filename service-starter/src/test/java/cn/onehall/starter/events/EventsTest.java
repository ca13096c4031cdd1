package cn.onehall.starter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.starter.events.EventsTestApp.RecordingHandler;
import cn.onehall.starter.testsupport.RedisServer;
import cn.onehall.starter.testsupport.TestSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbox → relay → Redis stream → idempotent consumer, against the machine's real MariaDB and a private
 * redis-server child (so stopping Redis disturbs nothing else).
 */
@SpringBootTest(classes = EventsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=" + EventsTestApp.SERVICE,
        "onehall.db.schema=onehall_events_test",
        "onehall.area=events-test",
        "onehall.events.relay-interval=100ms",
        "onehall.events.poll-interval=50ms",
        "onehall.events.min-idle=200ms",
        "onehall.events.max-deliveries=3"})
@DirtiesContext
class EventsTest {

    static final RedisServer REDIS = new RedisServer().start();
    static final String STREAM = EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, EventsTestApp.SERVICE);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    record CaseSubmitted(String caseNo, String status) {
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "starter");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
    }

    /** Relay and consumers first (they would otherwise log a Redis outage), then our redis-server; @DirtiesContext closes the rest. */
    @AfterAll
    static void stopRedis(@Autowired EventConsumers consumers, @Autowired OutboxRelay relay) {
        consumers.stop();
        relay.stop();
        REDIS.stop();
    }

    @Autowired
    EventPublisher publisher;
    @Autowired
    RecordingHandler handler;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Tracer tracer;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    EventsProperties properties;

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private CloudEvent publishInTx(String type, String subject, Object data) {
        return transactions.execute(status -> publisher.publish(type, subject, data));
    }

    @Test
    void publishNeedsATransactionAndDeliversOnceAsACloudEvent() {
        assertThatThrownBy(() -> publisher.publish("test.plain", "C-1", new CaseSubmitted("C-1", "SUBMITTED")))
                .isInstanceOf(IllegalStateException.class);

        CloudEvent rolledBack = transactions.execute(status -> {
            CloudEvent e = publisher.publish("test.plain", "C-0", new CaseSubmitted("C-0", "SUBMITTED"));
            status.setRollbackOnly();
            return e;
        });

        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        CloudEvent sent = publishInTx("test.plain", "C-1", new CaseSubmitted("C-1", "SUBMITTED"));

        await().atMost(PATIENCE).until(() -> handler.calls(sent.id()) == 1);
        CloudEvent got = handler.received(sent.id());
        assertThat(got.specversion()).isEqualTo("1.0");
        assertThat(UUID.fromString(got.id()).toString()).isEqualTo(sent.id());
        assertThat(got.source()).isEqualTo("/onehall/events-test");
        assertThat(got.type()).isEqualTo("test.plain");
        assertThat(got.subject()).isEqualTo("C-1");
        assertThat(got.time().toInstant()).isEqualTo(sent.time().toInstant()).isBetween(before.toInstant(), OffsetDateTime.now().toInstant());
        assertThat(got.datacontenttype()).isEqualTo("application/json");
        assertThat(json.treeToValue(got.data(), CaseSubmitted.class)).isEqualTo(new CaseSubmitted("C-1", "SUBMITTED"));
        assertThat(got.traceparent()).isNull(); // no span was current

        // On the wire: exactly the CloudEvents attributes, time as RFC 3339 with an offset, no null traceparent.
        @SuppressWarnings("unchecked")
        Map<String, Object> wire = json.readValue(envelopeInStream(sent.id()), Map.class);
        assertThat(wire).containsOnlyKeys("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        assertThat((String) wire.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

        // Inside a span: the W3C traceparent of that span travels with the event.
        Span span = tracer.nextSpan().name("submit").start();
        CloudEvent traced;
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            traced = publishInTx("test.plain", "C-2", new CaseSubmitted("C-2", "SUBMITTED"));
        } finally {
            span.end();
        }
        String traceId = "0".repeat(32 - span.context().traceId().length()) + span.context().traceId();
        assertThat(traced.traceparent()).matches("00-" + traceId + "-" + span.context().spanId() + "-0[01]");
        await().atMost(PATIENCE).until(() -> handler.calls(traced.id()) == 1);
        assertThat(handler.received(traced.id()).traceparent()).isEqualTo(traced.traceparent());

        assertThat(jdbc().sql("SELECT COUNT(*) FROM outbox_event WHERE id = ?").param(rolledBack.id()).query(Long.class).single()).isZero();
        assertThat(handler.calls(rolledBack.id())).isZero();
    }

    /**
     * The acceptance test: Redis goes away in the middle of a stream of commits and comes back; the writers never
     * notice, and every event is handled exactly once.
     */
    @Test
    void aRedisOutageLosesNothingAndDuplicatesNothing() throws Exception {
        int n = 300;
        Queue<String> ids = new ConcurrentLinkedQueue<>();
        Queue<Throwable> writeErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong slowestWriteNanos = new AtomicLong();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        // One committed event every 10 ms, ~3 s in all: Redis is stopped and started while they keep coming.
        writer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            long start = System.nanoTime();
            try {
                ids.add(publishInTx("test.load", "case-" + (i % 10), Map.of("i", i)).id());
            } catch (Throwable e) {
                writeErrors.add(e);
            }
            slowestWriteNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        }, 0, 10, TimeUnit.MILLISECONDS);
        try {
            await().atMost(PATIENCE).until(() -> ids.size() >= 60 && ids.stream().filter(id -> handler.calls(id) > 0).count() >= 30);
            REDIS.stop();
            int atStop = ids.size();
            await().atMost(PATIENCE).until(() -> ids.size() >= atStop + 80); // ≥ 0.8 s of commits with Redis down
            assertThat(pendingInOutbox()).isPositive();
            REDIS.start();
            await().atMost(PATIENCE).until(() -> ids.size() + writeErrors.size() >= n);
        } finally {
            writer.shutdownNow();
            REDIS.start(); // no-op when running; keeps the other tests alive if an assertion above failed
        }
        assertThat(writeErrors).isEmpty();
        assertThat(ids).hasSize(n).doesNotHaveDuplicates();
        System.out.printf("slowest outbox write during the Redis outage test: %d ms%n", TimeUnit.NANOSECONDS.toMillis(slowestWriteNanos.get()));
        assertThat(Duration.ofNanos(slowestWriteNanos.get())).isLessThan(Duration.ofSeconds(1));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(ids).allSatisfy(id -> assertThat(handler.calls(id)).isPositive());
            assertThat(pendingInOutbox()).isZero();
            assertThat(redis.opsForStream().pending(STREAM, EventsTestApp.SERVICE).getTotalPendingMessages()).isZero();
            assertThat(meters.get("onehall.events.outbox.pending").gauge().value()).isZero();
        });
        // Everything acknowledged: no redelivery can still be on its way. Each event handled exactly once.
        assertThat(ids).allSatisfy(id -> assertThat(handler.calls(id)).as("handler calls for %s", id).isEqualTo(1));
        assertThat(jdbc().sql("SELECT COUNT(*) FROM processed_event WHERE consumer = :consumer AND event_id IN (:ids)")
                .param("consumer", EventsTestApp.SERVICE).param("ids", List.copyOf(ids)).query(Long.class).single())
                .isEqualTo(n);
    }

    @Test
    void aDuplicateDeliveryIsHandledOnce() {
        CloudEvent event = new CloudEvent("1.0", UUID.randomUUID().toString(), EventStreams.source(EventsTestApp.SERVICE), "test.duplicate",
                "D-1", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), "application/json",
                json.valueToTree(new CaseSubmitted("D-1", "ACCEPTED")), null);
        String envelope = json.writeValueAsString(event);
        double duplicatesBefore = consumed("duplicate");
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, envelope)).withStreamKey(STREAM));
        redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, envelope)).withStreamKey(STREAM));
        // Relayed after both copies, and the loop handles a stream in order: once it is handled, both copies were seen.
        CloudEvent marker = publishInTx("test.marker", "D-1", Map.of());

        await().atMost(PATIENCE).until(() -> handler.calls(marker.id()) == 1);
        assertThat(handler.calls(event.id())).isEqualTo(1);
        assertThat(consumed("duplicate")).isGreaterThanOrEqualTo(duplicatesBefore + 1);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?").param(event.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPoisonEventIsDeadLetteredAfterMaxDeliveriesAndOthersKeepFlowing() {
        CloudEvent poison = publishInTx(RecordingHandler.POISON, "P-1", Map.of("bad", true));
        CloudEvent healthy = publishInTx("test.plain", "P-2", new CaseSubmitted("P-2", "SUBMITTED"));

        await().atMost(PATIENCE).until(() -> handler.calls(healthy.id()) == 1); // not stuck behind the poison
        String dlq = EventStreams.deadLetterKey(TestSchema.EVENT_STREAM_PREFIX, EventsTestApp.SERVICE);
        await().atMost(PATIENCE).until(() -> deadLetterOf(dlq, poison.id()) != null);

        Map<Object, Object> letter = deadLetterOf(dlq, poison.id()).getValue();
        assertThat(letter).containsEntry("deliveries", "3").containsEntry("stream", STREAM).containsEntry("group", EventsTestApp.SERVICE);
        assertThat((String) letter.get("consumer")).startsWith(EventsTestApp.SERVICE + "-");
        assertThat((String) letter.get("error")).contains("always fails");
        assertThat(handler.calls(poison.id())).isEqualTo(3);
        String streamId = (String) letter.get("streamId");
        await().atMost(PATIENCE).until(() -> redis.opsForStream().pending(STREAM, EventsTestApp.SERVICE, Range.unbounded(), 1000).stream()
                .noneMatch(p -> p.getIdAsString().equals(streamId)));
        assertThat(jdbc().sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?").param(poison.id()).query(Long.class).single()).isZero();

        CloudEvent later = publishInTx("test.plain", "P-3", new CaseSubmitted("P-3", "SUBMITTED"));
        await().atMost(PATIENCE).until(() -> handler.calls(later.id()) == 1);
    }

    /** Replicas relay at the same time without sending a row twice, and the stream keeps the outbox order. */
    @Test
    void concurrentRelaysKeepTheOutboxOrder() throws Exception {
        int n = 500;
        List<String> ids = transactions.execute(status -> IntStream.range(0, n)
                .mapToObj(i -> publisher.publish("test.order", "O-" + (i % 7), Map.of("i", i)).id()).toList());
        // Two more "replicas" besides the scheduled relay of this context.
        List<OutboxRelay> replicas = Stream.generate(() -> new OutboxRelay(jdbc(), redis, json, transactionManager,
                properties, EventsTestApp.SERVICE, new SimpleMeterRegistry())).limit(2).toList();
        List<CompletableFuture<Void>> running = replicas.stream()
                .map(relay -> CompletableFuture.runAsync(() -> {
                    while (pendingInOutbox() > 0) {
                        relay.relayPending();
                    }
                })).toList();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        List<Integer> order = redis.opsForStream().range(STREAM, Range.unbounded()).stream()
                .map(r -> json.readValue((String) r.getValue().get(EventStreams.EVENT_FIELD), CloudEvent.class))
                .filter(e -> e.type().equals("test.order"))
                .map(e -> e.data().get("i").asInt())
                .toList();
        assertThat(order).hasSize(n).isSorted().doesNotHaveDuplicates();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids).allSatisfy(id -> assertThat(handler.calls(id)).isEqualTo(1)));
    }

    private long pendingInOutbox() {
        return jdbc().sql("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL").query(Long.class).single();
    }

    private double consumed(String outcome) {
        var counter = meters.find("onehall.events.consumed").tags("stream", EventsTestApp.SERVICE, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private String envelopeInStream(String eventId) {
        return redis.opsForStream().range(STREAM, Range.unbounded()).stream()
                .map(r -> (String) r.getValue().get(EventStreams.EVENT_FIELD))
                .filter(e -> e.contains(eventId))
                .findFirst().orElseThrow();
    }

    private MapRecord<String, Object, Object> deadLetterOf(String dlq, String eventId) {
        return redis.opsForStream().range(dlq, Range.unbounded()).stream()
                .filter(r -> String.valueOf(r.getValue().get(EventStreams.EVENT_FIELD)).contains(eventId))
                .findFirst().orElse(null);
    }
}
