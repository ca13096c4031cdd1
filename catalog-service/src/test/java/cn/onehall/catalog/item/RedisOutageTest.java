package cn.onehall.catalog.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.RedisServer;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/** With Redis gone the catalogue still reads and publishes; an eviction Redis missed is done before the cache is read again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisOutageTest {

    static final RedisServer REDIS = new RedisServer().start();

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "catalog-redis-outage");
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.stop();
    }

    @Test
    void readsAndPublicationsGoOnWithoutRedisAndNoStaleGuideSurvivesIt() {
        LocalApi api = new LocalApi(environment);
        String food = ItemCodes.implementationCode("0100012300", "440781", "11440781MB2C00012D");
        String marriage = ItemCodes.implementationCode("0400020100", "440781", "11440781MB2C000208");
        assertThat(LocalApi.json(api.get("/api/catalog/items/" + marriage)).get("status").asString()).isEqualTo("PUBLISHED"); // now cached
        assertThat(api.get("/api/catalog/items/" + food).statusCode()).isEqualTo(200);

        REDIS.stop();
        try {
            HttpResponse<String> guide = api.get("/api/catalog/items/" + food);
            assertThat(guide.statusCode()).isEqualTo(200);
            assertThat(api.get("/api/catalog/items?region=440781").statusCode()).isEqualTo(200);
            assertThat(api.get("/api/catalog/search?q=%E7%BB%93%E5%A9%9A&region=440781").statusCode()).isEqualTo(200);
            HttpResponse<String> revoked = api.call("POST", "/api/catalog/admin/items/" + marriage + "/revoke", "catalog-admin-taishan",
                    Map.of("reason", "停电演练"), Map.of());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            assertThat(LocalApi.json(api.get("/api/catalog/items/" + marriage)).get("status").asString()).isEqualTo("REVOKED");
        } finally {
            REDIS.start();
        }
        JsonNode after = LocalApi.json(api.get("/api/catalog/items/" + marriage));
        assertThat(after.get("status").asString()).as("the eviction missed during the outage was done first").isEqualTo("REVOKED");
        assertThat(LocalApi.json(api.get("/api/catalog/items/" + marriage + "/versions/1")).get("status").asString()).isEqualTo("REVOKED");
        assertThat(api.get("/api/catalog/items?region=440781&limit=200").body()).doesNotContain(marriage);
    }
}
