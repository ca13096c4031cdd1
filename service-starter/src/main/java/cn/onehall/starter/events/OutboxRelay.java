package cn.onehall.starter.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves committed outbox rows to the service's Redis stream, oldest first.
 *
 * <p>Each tick locks a batch with {@code FOR UPDATE SKIP LOCKED}, XADDs it and marks it published in the same
 * transaction, so replicas relay side by side without waiting for each other or sending a row twice (a crash between
 * XADD and commit can still send it again: consumers are idempotent). Left alone, two replicas holding neighbouring
 * batches could interleave them in the stream, and a subject's events would reach consumers out of order; so a replica
 * whose batch does not start at the oldest unpublished row steps back until the next tick. One replica makes progress
 * at a time, which is plenty: a batch of XADDs takes milliseconds.
 *
 * <p>Redis down: the XADD fails fast (Lettuce timeout), the rows stay unpublished and the next tick tries again.
 * Writers never wait for the relay: it locks only rows that are already committed, and runs at READ COMMITTED so that
 * InnoDB takes no gap locks that would block their inserts.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int PURGE_CHUNK = 1000;

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final EventsProperties properties;
    private final String service;
    private final String streamKey;
    private final TransactionTemplate relayTx;
    private final Counter relayed;

    private volatile ThreadPoolTaskScheduler scheduler;
    private volatile boolean failing;
    private volatile Snapshot snapshot = new Snapshot(0, null, Instant.EPOCH);

    public OutboxRelay(JdbcClient jdbc, StringRedisTemplate redis, JsonMapper json, PlatformTransactionManager transactions,
                       EventsProperties properties, String service, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.service = service;
        this.streamKey = EventStreams.key(properties.streamPrefix(), service);
        this.relayTx = new TransactionTemplate(transactions);
        this.relayTx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.relayTx.setName("onehall-outbox-relay");
        this.relayed = Counter.builder("onehall.events.relayed").description("Outbox events written to the Redis stream")
                .tag("stream", service).register(meters);
        Gauge.builder("onehall.events.outbox.pending", this, r -> r.snapshot().pendingValue())
                .description("Outbox events not yet relayed to Redis").register(meters);
        Gauge.builder("onehall.events.outbox.lag.seconds", this, r -> r.snapshot().lagSeconds())
                .description("Age of the oldest outbox event not yet relayed").baseUnit("seconds").register(meters);
    }

    /**
     * Relays everything pending now, batch after batch.
     *
     * @return rows relayed
     */
    public int relayPending() {
        int total = 0;
        try {
            while (true) {
                Batch batch = relayTx.execute(status -> relayBatch());
                total += batch.relayed();
                if (batch.failure() != null) {
                    outage(batch.failure());
                    return total;
                }
                if (batch.locked() < properties.relayBatchSize() || batch.yielded()) {
                    break;
                }
            }
        } catch (RuntimeException e) { // the database itself: same policy, the next tick retries
            outage(e);
            return total;
        }
        if (failing) {
            failing = false;
            log.info("Outbox relay to {} works again", streamKey);
        }
        return total;
    }

    private Batch relayBatch() {
        List<Row> rows = jdbc.sql("""
                        SELECT seq, id, type, subject, UNIX_TIMESTAMP(occurred_at) AS occurred, payload, traceparent FROM outbox_event
                        WHERE published_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED""")
                .param(properties.relayBatchSize())
                .query((rs, n) -> new Row(rs.getLong("seq"), rs.getString("id"), rs.getString("type"), rs.getString("subject"),
                        epoch(rs.getBigDecimal("occurred")), rs.getString("payload"), rs.getString("traceparent")))
                .list();
        // The batch must be every unpublished row up to its last one. Two relays scanning at once can interleave their
        // SKIP LOCKED locks, so a batch may start at the oldest row yet miss one in the middle that the other relay
        // holds for a moment; sending it would put that row behind later ones. Then give way and try again next time.
        if (!rows.isEmpty() && unpublishedUpTo(rows.getLast().seq()) != rows.size()) {
            return new Batch(rows.size(), 0, null, true);
        }
        List<Long> sent = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        XAddOptions trim = XAddOptions.maxlen(properties.streamMaxLength()).approximateTrimming(true);
        for (Row row : rows) {
            try {
                redis.opsForStream().add(StreamRecords.string(Map.of(EventStreams.EVENT_FIELD, envelope(row))).withStreamKey(streamKey), trim);
                sent.add(row.seq());
            } catch (RuntimeException e) {
                failure = e; // keep what was sent, stop here: order matters more than throughput
                break;
            }
        }
        if (!sent.isEmpty()) {
            jdbc.sql("UPDATE outbox_event SET published_at = CURRENT_TIMESTAMP(3) WHERE seq IN (:seqs)").param("seqs", sent).update();
            relayed.increment(sent.size());
        }
        return new Batch(rows.size(), sent.size(), failure, false);
    }

    /** A plain read (no lock): rows another replica has locked but not yet published still count. */
    private long unpublishedUpTo(long seq) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL AND seq <= ?").param(seq).query(Long.class).single();
    }

    private String envelope(Row row) {
        return json.writeValueAsString(new CloudEvent(CloudEvent.SPEC_VERSION, row.id(), EventStreams.source(service), row.type(),
                row.subject(), row.occurredAt().atOffset(ZoneOffset.UTC), CloudEvent.JSON, json.readTree(row.payload()), row.traceparent()));
    }

    /** One warning per outage, not one per tick or row: an outage of an hour would otherwise flood the log. */
    private void outage(RuntimeException e) {
        if (!failing) {
            failing = true;
            log.warn("Outbox relay to {} failed; events stay in the outbox and are retried every {} until it works: {}",
                    streamKey, properties.relayInterval(), e.toString());
        } else {
            log.debug("Outbox relay still failing: {}", e.toString());
        }
    }

    /**
     * Marks the events that occurred since {@code since} as unpublished so the relay sends them again (consumers skip
     * those they already processed). Relayed rows are kept for {@code onehall.events.retention}.
     *
     * @return rows queued again
     */
    public int replaySince(Instant since) {
        return jdbc.sql("UPDATE outbox_event SET published_at = NULL WHERE published_at IS NOT NULL AND occurred_at >= FROM_UNIXTIME(?)")
                .param(BigDecimal.valueOf(since.toEpochMilli(), 3)).update();
    }

    /** Deletes relayed outbox rows and processed-event ids past their retention, in small chunks to keep locks short. */
    public void purge() {
        try {
            // Against the database clock, which also stamped published_at and processed_at.
            int outbox = deleteInChunks("DELETE FROM outbox_event WHERE published_at < CURRENT_TIMESTAMP(3) - INTERVAL ? SECOND LIMIT "
                    + PURGE_CHUNK, properties.retention());
            int processed = deleteInChunks("DELETE FROM processed_event WHERE processed_at < CURRENT_TIMESTAMP(3) - INTERVAL ? SECOND LIMIT "
                    + PURGE_CHUNK, properties.processedRetention());
            if (outbox + processed > 0) {
                log.info("Purged {} relayed outbox events and {} processed-event ids past retention", outbox, processed);
            }
        } catch (RuntimeException e) {
            log.warn("Events retention purge failed, next run retries: {}", e.toString());
        }
    }

    private int deleteInChunks(String sql, Duration retention) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(sql).param(retention.toSeconds()).update();
            total += deleted;
        } while (deleted == PURGE_CHUNK && isRunning());
        return total;
    }

    /** Computed at most once a second: Prometheus scrapes both gauges, each would otherwise query the outbox. */
    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current.takenAt().isAfter(Instant.now().minusSeconds(1))) {
            return current;
        }
        try {
            current = jdbc.sql("SELECT COUNT(*) AS pending, UNIX_TIMESTAMP(MIN(occurred_at)) AS oldest FROM outbox_event WHERE published_at IS NULL")
                    .query((rs, n) -> {
                        BigDecimal oldest = rs.getBigDecimal("oldest");
                        return new Snapshot(rs.getLong("pending"), oldest == null ? null : epoch(oldest), Instant.now());
                    }).single();
        } catch (RuntimeException e) {
            current = new Snapshot(-1, null, Instant.now());
        }
        snapshot = current;
        return current;
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        // Its own small scheduler, not a bean: a service's @EnableScheduling keeps its own and never sees ours.
        s.setPoolSize(2);
        s.setThreadNamePrefix("onehall-events-relay-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(10);
        s.initialize();
        s.scheduleWithFixedDelay(this::relayPending, properties.relayInterval());
        s.scheduleWithFixedDelay(this::purge, Instant.now().plus(Duration.ofMinutes(1)), properties.purgeInterval());
        scheduler = s;
    }

    @Override
    public void stop() {
        ThreadPoolTaskScheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** After the web server has drained (so the last requests' events get a tick), before the Redis connection closes. */
    @Override
    public int getPhase() {
        return EventsAutoConfiguration.LIFECYCLE_PHASE;
    }

    /** Epoch seconds with milliseconds (UNIX_TIMESTAMP of a TIMESTAMP(3)): immune to session time zone and driver rounding. */
    private static Instant epoch(BigDecimal seconds) {
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    private record Row(long seq, String id, String type, String subject, Instant occurredAt, String payload, String traceparent) {
    }

    private record Batch(int locked, int relayed, RuntimeException failure, boolean yielded) {
    }

    /** pending -1: the outbox could not be read; the gauges then show NaN rather than a reassuring 0. */
    private record Snapshot(long pending, Instant oldest, Instant takenAt) {

        double pendingValue() {
            return pending < 0 ? Double.NaN : pending;
        }

        double lagSeconds() {
            if (pending < 0) {
                return Double.NaN;
            }
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, takenAt).toMillis() / 1000.0);
        }
    }
}
