package cn.onehall.supervision.support;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/**
 * One Spring context for every supervision test (same properties, same beans, so it is built once): the real MariaDB
 * (fresh schema), Redis and Keycloak, the catalogue's calendar served locally, and a clock the tests move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "onehall.events.poll-interval=50ms",
        "onehall.events.relay-interval=100ms",
        "onehall.events.min-idle=500ms",
        "onehall.supervision.scan-interval=PT0.5S",
        "onehall.supervision.scan-initial-delay=PT0.5S",
        "onehall.supervision.exchange.interval=PT0.2S",
        "onehall.supervision.exchange.backoff-base=100ms",
        "onehall.supervision.exchange.backoff-max=1s"})
@Import(SupervisionTest.TestClock.class)
public abstract class SupervisionTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestConfiguration
    public static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-09-21T01:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "supervision-it");
        registry.add("onehall.catalog-url", CatalogStub::url);
        // a list binds from one property source only: every field of the upstream here
        registry.add("onehall.supervision.exchange.upstreams[0].name", () -> "city");
        registry.add("onehall.supervision.exchange.upstreams[0].url", UpstreamHall::url);
        registry.add("onehall.supervision.exchange.upstreams[0].secret", () -> UpstreamHall.SECRET);
    }

    @Autowired
    protected Environment environment;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected cn.onehall.supervision.card.CardScan cardScan;

    /**
     * Starts a scenario at a time that may be earlier than the last one's. A real clock never goes back; a scan already
     * running with the later day must finish first (scans are synchronized), so the scenario's cases are judged by its day.
     */
    protected void startAt(String offsetDateTime) {
        clock.set(offsetDateTime);
        cardScan.scanOnce();
    }

    protected CaseEventsOnStream stream() {
        return new CaseEventsOnStream(redis);
    }

    protected HttpResponse<String> get(String path, String user) {
        return new LocalApi(environment).get(path, user);
    }

    protected HttpResponse<String> call(String method, String path, String user, Object body, Map<String, String> headers) {
        return new LocalApi(environment).call(method, path, user, body, headers);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return LocalApi.json(response);
    }

    /** Waits until the consumer committed the event (the starter records its id in the same transaction). */
    protected void awaitHandled(cn.onehall.starter.events.CloudEvent event) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?")
                .param(event.id()).query(Long.class).single() == 1);
    }

    /** A case number unique to this run, so test methods never share cases. */
    protected static String caseNumber(String tag) {
        return "T" + tag + Long.toString(System.nanoTime(), 36).toUpperCase();
    }
}
