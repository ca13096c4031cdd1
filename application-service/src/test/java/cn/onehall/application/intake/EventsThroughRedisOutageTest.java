package cn.onehall.application.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.application.CaseTestSupport;
import cn.onehall.starter.events.EventStreams;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.RedisServer;
import cn.onehall.starter.testsupport.TestSchema;

/** Submissions go on while Redis is down; every submitted event arrives on the stream once Redis is back. */
class EventsThroughRedisOutageTest extends CaseTestSupport {

    static final RedisServer REDIS = new RedisServer().start();

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @AfterAll
    static void stop() {
        REDIS.stop();
    }

    @Test
    void everyEventOfSubmissionsDuringAnOutageArrivesAfterwards() {
        clock.set("2026-09-30T10:00:00");
        String stream = EventStreams.key(TestSchema.EVENT_STREAM_PREFIX, "application-service");
        REDIS.stop();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(submitted("zhangsan", PARALLEL_ITEM).get("caseNumber").asString());
        }
        assertThat(numbers).hasSize(3);
        REDIS.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<String> arrived = redis.opsForStream().range(stream, Range.unbounded()).stream()
                    .map(r -> LocalApi.JSON.readTree(String.valueOf(r.getValue().get(EventStreams.EVENT_FIELD))))
                    .filter(e -> "cn.onehall.case.submitted".equals(e.get("type").asString()))
                    .map(e -> e.get("subject").asString()).toList();
            assertThat(arrived).containsAll(numbers);
            assertThat(arrived.stream().filter(numbers::contains).count()).isEqualTo(3);
        });
    }
}
