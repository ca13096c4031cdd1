package cn.onehall.catalog.search;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoConsumer;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroup;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import cn.onehall.catalog.item.ItemAdministration;
import cn.onehall.catalog.item.ItemReads;
import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventConsumers;
import cn.onehall.starter.events.EventHandler;
import cn.onehall.starter.events.EventStreams;
import cn.onehall.starter.events.EventsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps this replica's search index equal to the catalogue. Every replica must see every publish, but the starter's
 * consumer group is one per service (each event goes to one replica). So each replica runs the starter's consumer
 * machinery ({@link EventConsumers}: idempotent, retried, dead-lettered) in a consumer group of its own on the
 * catalogue's own stream. The group is created at the stream's end before the index is rebuilt from the database:
 * whatever is published during the rebuild arrives as an event, nothing falls between the two. The group is removed
 * when the replica stops; groups of replicas that died without stopping are removed once idle for an hour.
 */
@Component
@Order(30)
class SearchIndexUpdates implements ApplicationRunner, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexUpdates.class.getName());
    static final String GROUP_PREFIX = "catalog-service-search-";
    private static final Duration STALE = Duration.ofHours(1);

    private final ItemSearchIndex index;
    private final ItemReads items;
    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final String group = GROUP_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final String streamKey;
    private final EventConsumers consumers;
    private final String service;
    private volatile boolean running;

    SearchIndexUpdates(ItemSearchIndex index, ItemReads items, JdbcClient jdbc, StringRedisTemplate redis, JsonMapper json,
                       PlatformTransactionManager transactions, EventsProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
                       ObjectProvider<Propagator> propagator, @Value("${spring.application.name}") String service) {
        this.index = index;
        this.items = items;
        this.jdbc = jdbc;
        this.redis = redis;
        this.service = service;
        this.streamKey = EventStreams.key(properties.streamPrefix(), service);
        DefaultListableBeanFactory own = new DefaultListableBeanFactory();
        // Not a bean of the context: the service's own consumer group must not run it as well.
        own.registerSingleton("searchIndexHandler", new IndexHandler());
        this.consumers = new EventConsumers(redis, jdbc, json, transactions, properties, own.getBeanProvider(EventHandler.class), group, meters,
                tracer, propagator);
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            redis.opsForStream().createGroup(streamKey, ReadOffset.latest(), group);
            removeStaleGroups();
        } catch (RuntimeException e) {
            // Redis down at start: the consumer creates the group from the stream's start once Redis is back, and
            // replays what it missed (each event re-reads the item, so replaying is harmless).
            log.warn("Could not create the search index consumer group {} now: {}", group, e.toString());
        }
        rebuild();
        consumers.start();
        running = true;
    }

    /** The whole index again from the listed items. */
    void rebuild() {
        List<String> codes = jdbc.sql("SELECT item_code FROM item_listing ORDER BY item_code").query(String.class).list();
        index.clear();
        for (String code : codes) {
            items.listed(code).ifPresent(index::put);
        }
        log.info("search index rebuilt with {} items", index.size());
    }

    private final class IndexHandler implements EventHandler {

        @Override
        public String stream() {
            return service;
        }

        @Override
        public boolean supports(String type) {
            return ItemAdministration.PUBLISHED_EVENT.equals(type) || ItemAdministration.REVOKED_EVENT.equals(type);
        }

        /** Re-reads the item rather than trusting the event's order: the index ends up as the database is, whatever arrives when. */
        @Override
        public void handle(CloudEvent event) {
            String code = event.subject();
            items.listed(code).ifPresentOrElse(index::put, () -> index.remove(code));
        }
    }

    private void removeStaleGroups() {
        for (XInfoGroup g : redis.opsForStream().groups(streamKey)) {
            if (!g.groupName().startsWith(GROUP_PREFIX) || g.groupName().equals(group)) {
                continue;
            }
            List<XInfoConsumer> members = redis.opsForStream().consumers(streamKey, g.groupName()).stream().toList();
            if (!members.isEmpty() && members.stream().allMatch(c -> c.idleTime().compareTo(STALE) > 0)) {
                redis.opsForStream().destroyGroup(streamKey, g.groupName());
                log.info("removed the search consumer group {} of a replica gone for more than {}", g.groupName(), STALE);
            }
        }
    }

    /** Started by {@link #run} once the index is rebuilt; here only so that stopping happens before Redis closes. */
    @Override
    public void start() {
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Beside the starter's consumers: after the web server drained, before the Redis connection closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumers.stop();
        try {
            redis.opsForStream().destroyGroup(streamKey, group);
        } catch (RuntimeException e) {
            log.debug("search consumer group {} stays until it is found stale: {}", group, e.toString());
        }
    }
}
