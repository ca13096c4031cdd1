package cn.onehall.starter.events;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoConsumer;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroup;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the service's {@link EventHandler}s: one consumer group per service ({@code spring.application.name}) on each
 * stream that has handlers, one loop per stream on a virtual thread.
 *
 * <p>Delivery is at least once, handling is once: each message runs in a transaction that first records
 * (service, event id) in {@code processed_event}; a duplicate key means an earlier delivery already committed, so the
 * message is only acknowledged. A failed message stays pending and is claimed again after {@code min-idle}; past
 * {@code max-deliveries} it goes to {@code onehall:events:<stream>:dlq} with the error, and is acknowledged.
 *
 * <p>Messages are handled one after another, so one instance sees a subject's events in stream order; a retried
 * message is the exception, it comes back after later ones.
 *
 * <p>Reads do not use BLOCK: the shared Lettuce connection has a 500 ms command timeout (a Redis outage must fail
 * fast), and a blocking read on it would either time out or hold up every other command of the service. The loop
 * polls instead and waits {@code poll-interval} when its stream had nothing new: at most that much extra latency, one
 * cheap command per interval.
 */
public class EventConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    /** Consumers left by earlier instances, with nothing pending, are removed after this long so XINFO stays readable. */
    private static final Duration STALE_CONSUMER = Duration.ofHours(1);

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final EventsProperties properties;
    private final ObjectProvider<EventHandler> handlers;
    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final String group;
    private final String consumerName;
    private final XAddOptions deadLetterTrim;
    private final Map<String, Double> lagByStream = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private volatile boolean running;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);

    public EventConsumers(StringRedisTemplate redis, JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions,
                          EventsProperties properties, ObjectProvider<EventHandler> handlers, String service, MeterRegistry meters,
                          ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setName("onehall-event-handler");
        this.properties = properties;
        this.handlers = handlers;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
        this.group = service;
        this.consumerName = service + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.deadLetterTrim = XAddOptions.maxlen(properties.streamMaxLength()).approximateTrimming(true);
    }

    /** This instance's consumer name inside the group. */
    public String consumerName() {
        return consumerName;
    }

    @Override
    public synchronized void start() {
        Map<String, List<EventHandler>> byStream = handlers.orderedStream()
                .collect(Collectors.groupingBy(EventHandler::stream, LinkedHashMap::new, Collectors.toList()));
        stopSignal = new CountDownLatch(1);
        running = true;
        byStream.forEach((stream, streamHandlers) -> {
            lagByStream.putIfAbsent(stream, Double.NaN);
            Gauge.builder("onehall.events.consumer.lag", lagByStream, m -> m.getOrDefault(stream, Double.NaN))
                    .description("Events of the stream not yet acknowledged by this service's group (undelivered + pending)")
                    .tag("stream", stream).register(meters);
            threads.add(Thread.ofVirtual().name("onehall-events-" + stream).start(new StreamLoop(stream, streamHandlers)));
        });
        if (!byStream.isEmpty()) {
            log.info("Consuming events of {} as {} in group {}", byStream.keySet(), consumerName, group);
        }
    }

    /** Lets each loop finish the message in hand; what it had read but not handled is claimed again later. */
    @Override
    public synchronized void stop() {
        running = false;
        stopSignal.countDown();
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofSeconds(15))) {
                    log.warn("Event consumer {} did not stop within 15s", thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return EventsAutoConfiguration.LIFECYCLE_PHASE;
    }

    /** Waits, but returns at once when the context stops. Never interrupts: that would close JDBC sockets mid-call. */
    private void pause(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private final class StreamLoop implements Runnable {

        private final String stream;
        private final String key;
        private final String deadLetterKey;
        private final List<EventHandler> streamHandlers;
        /** Last failure per message, so its dead letter says why; bounded, and lost on restart (then a generic reason). */
        private final Map<String, String> lastErrors = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > 1000;
            }
        };
        private boolean groupReady;
        private boolean failing;
        private long nextReclaim;

        StreamLoop(String stream, List<EventHandler> streamHandlers) {
            this.stream = stream;
            this.key = EventStreams.key(properties.streamPrefix(), stream);
            this.deadLetterKey = EventStreams.deadLetterKey(properties.streamPrefix(), stream);
            this.streamHandlers = streamHandlers;
            this.nextReclaim = System.nanoTime(); // nanoTime may be negative: compare differences only
        }

        @Override
        public void run() {
            while (running) {
                int done = 0;
                try {
                    if (!groupReady) {
                        joinGroup();
                        groupReady = true;
                    }
                    if (System.nanoTime() - nextReclaim >= 0) {
                        done += reclaim();
                        refreshLag();
                        // Half of min-idle: a failed message waits between min-idle and 1.5 × min-idle for its retry.
                        nextReclaim = System.nanoTime() + Math.max(50_000_000L, properties.minIdle().toNanos() / 2);
                    }
                    done += readNew();
                    if (failing) {
                        failing = false;
                        log.info("Event consumer of {} works again", key);
                    }
                } catch (RuntimeException | Error e) { // an Error must not end the loop: the service would stop consuming silently
                    if (mentions(e, "NOGROUP")) {
                        groupReady = false; // Redis lost the group (flushed, or restarted without persistence): make it again
                    }
                    if (!failing) {
                        failing = true;
                        log.warn("Event consumer of {} failed, retrying every {} until it works: {}", key, ERROR_BACKOFF, e.toString());
                    } else {
                        log.debug("Event consumer of {} still failing: {}", key, e.toString());
                    }
                    pause(ERROR_BACKOFF);
                    continue;
                }
                if (done == 0) {
                    pause(properties.pollInterval());
                }
            }
        }

        /**
         * The group starts at the beginning of the stream, not at its end: events published before the group existed
         * (a new consumer, or the producer relaying before we start) are still delivered; processed_event makes that safe.
         */
        private void joinGroup() {
            try {
                redis.opsForStream().createGroup(key, ReadOffset.from("0-0"), group);
            } catch (RuntimeException e) {
                if (!mentions(e, "BUSYGROUP")) {
                    throw e;
                }
            }
            for (XInfoConsumer c : redis.opsForStream().consumers(key, group)) {
                if (c.pendingCount() == 0 && c.idleTime().compareTo(STALE_CONSUMER) > 0 && !c.consumerName().equals(consumerName)) {
                    redis.opsForStream().deleteConsumer(key, Consumer.from(group, c.consumerName()));
                }
            }
        }

        private int readNew() {
            List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(Consumer.from(group, consumerName),
                    StreamReadOptions.empty().count(properties.readCount()), StreamOffset.create(key, ReadOffset.lastConsumed()));
            int done = 0;
            for (MapRecord<String, Object, Object> record : records) {
                if (!running) {
                    break;
                }
                // A database outage stops the batch here; the rest waits in the pending list, one delivery spent.
                process(record, 1);
                done++;
            }
            return done;
        }

        /** Retries messages whose delivery failed (or whose consumer died), oldest first. */
        private int reclaim() {
            int done = 0;
            for (PendingMessage pending : redis.opsForStream().pending(key, group, Range.unbounded(), properties.readCount(), properties.minIdle())) {
                if (!running) {
                    break;
                }
                // XCLAIM with min-idle lets only one consumer win a message; it also counts one more delivery.
                List<MapRecord<String, Object, Object>> claimed = redis.opsForStream().claim(key, group, consumerName,
                        XClaimOptions.minIdle(properties.minIdle()).ids(pending.getId()));
                if (claimed.isEmpty()) {
                    continue; // another consumer took it, or it was trimmed from the stream (Redis 7 then drops it from the pending list)
                }
                MapRecord<String, Object, Object> record = claimed.getFirst();
                long deliveries = pending.getTotalDeliveryCount();
                if (deliveries >= properties.maxDeliveries()) {
                    // Normally dead-lettered right after its last failure; this catches the rest (e.g. an instance that died mid-handling).
                    String error = lastErrors.getOrDefault(record.getId().getValue(),
                            "not acknowledged after " + deliveries + " deliveries (max-deliveries " + properties.maxDeliveries() + ")");
                    deadLetter(record, deliveries, error);
                } else {
                    process(record, deliveries + 1);
                }
                done++;
            }
            return done;
        }

        private void process(MapRecord<String, Object, Object> record, long delivery) {
            RecordId id = record.getId();
            CloudEvent event;
            try {
                event = json.readValue((String) record.getValue().get(EventStreams.EVENT_FIELD), CloudEvent.class);
                if (event.id() == null || event.type() == null) {
                    throw new IllegalArgumentException("no id or type");
                }
            } catch (RuntimeException e) {
                deadLetter(record, delivery, "unreadable CloudEvents envelope: " + e); // no retry can fix it
                return;
            }
            List<EventHandler> matching = streamHandlers.stream().filter(h -> h.supports(event.type())).toList();
            if (matching.isEmpty()) {
                ack(id);
                count("ignored");
                return;
            }
            boolean first;
            try {
                first = inTrace(event, () -> Boolean.TRUE.equals(tx.execute(status -> handleOnce(event, matching))));
            } catch (RuntimeException | Error e) { // a handler's StackOverflowError or AssertionError is its failure too
                if (infrastructureDown(e)) {
                    // Database (or Redis) unreachable is not the event's fault: give the delivery back, or a long outage would
                    // dead-letter everything in flight. The loop backs off and retries.
                    uncount(id, delivery);
                    throw e;
                }
                count("failed");
                String error = describe(e);
                lastErrors.put(id.getValue(), error);
                if (delivery >= properties.maxDeliveries()) {
                    deadLetter(record, delivery, error);
                } else {
                    log.warn("Event {} {} (subject {}) failed on delivery {}/{}, retried after {}: {}", event.type(), event.id(),
                            event.subject(), delivery, properties.maxDeliveries(), properties.minIdle(), error, e);
                }
                return;
            }
            // After the commit. If Redis fails here the message stays pending, comes back, and is skipped as a duplicate.
            ack(id);
            count(first ? "handled" : "duplicate");
        }

        private boolean handleOnce(CloudEvent event, List<EventHandler> matching) {
            try {
                jdbc.sql("INSERT INTO processed_event (consumer, event_id) VALUES (?, ?)").params(group, event.id()).update();
            } catch (DuplicateKeyException e) {
                return false;
            }
            for (EventHandler handler : matching) {
                handler.handle(event);
            }
            return true;
        }

        private void deadLetter(MapRecord<String, Object, Object> record, long deliveries, String error) {
            Object envelope = record.getValue().get(EventStreams.EVENT_FIELD);
            Map<String, String> letter = new LinkedHashMap<>();
            letter.put(EventStreams.EVENT_FIELD, envelope == null ? String.valueOf(record.getValue()) : envelope.toString());
            letter.put("stream", key);
            letter.put("streamId", record.getId().getValue());
            letter.put("group", group);
            letter.put("consumer", consumerName);
            letter.put("deliveries", Long.toString(deliveries));
            letter.put("error", error.length() > 2000 ? error.substring(0, 2000) : error);
            letter.put("failedAt", Instant.now().toString());
            redis.opsForStream().add(StreamRecords.string(letter).withStreamKey(deadLetterKey), deadLetterTrim);
            ack(record.getId());
            lastErrors.remove(record.getId().getValue());
            count("dead_lettered");
            log.error("Event {} of {} moved to {} after {} deliveries: {}", record.getId(), key, deadLetterKey, deliveries, error);
        }

        /** Resets the delivery counter to what it was before this attempt (XCLAIM RETRYCOUNT). Best effort. */
        private void uncount(RecordId id, long delivery) {
            try {
                redis.opsForStream().claim(key, group, consumerName, XClaimOptions.minIdle(Duration.ZERO).ids(id).retryCount(delivery - 1));
            } catch (RuntimeException ignored) {
                // Redis down as well: the delivery stays counted
            }
        }

        private void ack(RecordId id) {
            redis.opsForStream().acknowledge(key, group, id);
        }

        /** Backlog of this group: entries not yet delivered (XINFO GROUPS lag, Redis 7+) plus delivered but unacknowledged. */
        private void refreshLag() {
            for (XInfoGroup info : redis.opsForStream().groups(key)) {
                if (group.equals(info.groupName())) {
                    Object undelivered = info.getRaw().get("lag");
                    long lag = undelivered instanceof Number n ? n.longValue() : 0;
                    lagByStream.put(stream, (double) (lag + info.pendingCount()));
                }
            }
        }

        private void count(String outcome) {
            meters.counter("onehall.events.consumed", "stream", stream, "outcome", outcome).increment();
        }
    }

    /** Continues the producer's trace (traceparent), so logs and REST calls of the handler join it. */
    private <T> T inTrace(CloudEvent event, Supplier<T> work) {
        Tracer t = event.traceparent() == null ? null : tracer.getIfAvailable();
        Propagator p = t == null ? null : propagator.getIfAvailable();
        if (p == null) {
            return work.get();
        }
        Span span = p.extract(event, (carrier, name) -> "traceparent".equals(name) ? carrier.traceparent() : null)
                .name("event " + event.type()).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope ignored = t.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static boolean infrastructureDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (caused by " + root + ")";
    }
}
