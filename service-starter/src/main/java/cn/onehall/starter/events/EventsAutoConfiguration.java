package cn.onehall.starter.events;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transactional outbox relayed to Redis Streams, and idempotent stream consumers (see ARCHITECTURE.md, "Events").
 * Off with {@code onehall.events.enabled=false}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
        "cn.onehall.starter.persistence.StarterSchemaAutoConfiguration"})
@ConditionalOnBean({DataSource.class, RedisConnectionFactory.class})
@ConditionalOnProperty(name = "onehall.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    /**
     * Relay and consumers start late and stop early: after the web server has drained (its phases are
     * DEFAULT_PHASE - 1024 and - 2048), before the Redis connection factory (phase 0) closes.
     */
    static final int LIFECYCLE_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final String service;

    EventsAutoConfiguration(DataSource dataSource, RedisConnectionFactory redisConnectionFactory, ObjectProvider<JsonMapper> json,
                            ObjectProvider<MeterRegistry> meters, @Value("${spring.application.name}") String service) {
        this.jdbc = JdbcClient.create(dataSource);
        // Our own template: a service may reconfigure its StringRedisTemplate bean, the stream format must not change with it.
        this.redis = new StringRedisTemplate(redisConnectionFactory);
        this.json = json.getIfAvailable(JsonMapper::new);
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.service = service;
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(ObjectProvider<Tracer> tracer) {
        return new EventPublisher(jdbc, json, tracer, service);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(PlatformTransactionManager transactions, EventsProperties properties) {
        return new OutboxRelay(jdbc, redis, json, transactions, properties, service, meters);
    }

    @Bean
    @ConditionalOnMissingBean
    EventConsumers eventConsumers(PlatformTransactionManager transactions, EventsProperties properties, ObjectProvider<EventHandler> handlers,
                                  ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventConsumers(redis, jdbc, json, transactions, properties, handlers, service, meters, tracer, propagator);
    }
}
