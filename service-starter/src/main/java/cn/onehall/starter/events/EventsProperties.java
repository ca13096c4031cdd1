package cn.onehall.starter.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code onehall.events.*}: the outbox relay and the stream consumers.
 *
 * @param enabled            turns the whole events machinery off (publisher, relay, consumers)
 * @param relayInterval      pause between two relay ticks; a tick drains everything that is pending
 * @param relayBatchSize     rows locked and relayed per relay transaction
 * @param streamMaxLength    approximate cap of each stream (XADD MAXLEN ~); generous, since consumers that are down
 *                           for a while must still find their events in the stream
 * @param retention          how long relayed outbox rows are kept so they can be replayed
 * @param processedRetention how long consumers remember processed event ids; longer than anything that can redeliver
 * @param purgeInterval      how often the retention purge runs
 * @param pollInterval       consumer back-off when its stream had nothing new
 * @param readCount          messages fetched per XREADGROUP
 * @param minIdle            how long a delivered but unacknowledged message waits before it is retried
 * @param maxDeliveries      deliveries to handlers before a message is moved to the dead-letter stream
 * @param streamPrefix       prefix of every stream key; tests give each run its own so concurrent runs on one Redis
 *                           never read each other's events
 */
@ConfigurationProperties("onehall.events")
public record EventsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") Duration relayInterval,
        @DefaultValue("200") int relayBatchSize,
        @DefaultValue("1000000") long streamMaxLength,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("30d") Duration processedRetention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("50") int readCount,
        @DefaultValue("5s") Duration minIdle,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue(EventStreams.DEFAULT_PREFIX) String streamPrefix) {
}
