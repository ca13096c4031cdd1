package cn.onehall.catalog.navigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.catalog.CatalogIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Seed 002: every published item of a region is at most three clicks from the hall's front page. */
class NavigationTest extends CatalogIntegrationTest {

    /** Fewest clicks from the front page to each item, following only what the navigation answers show. */
    Map<String, Integer> clicksFromFrontPage(String region) {
        Map<String, Integer> clicks = new HashMap<>();
        JsonNode front = json(get("/api/catalog/navigation?region=" + region));
        for (JsonNode theme : front.get("themes")) {
            JsonNode page = json(get("/api/catalog/navigation/themes/" + theme.get("code").asString() + "?region=" + region)); // click 1
            page.get("items").forEach(i -> clicks.merge(i.get("code").asString(), 2, Math::min)); // click 2
        }
        for (JsonNode scenario : front.get("scenarios")) {
            JsonNode tree = json(get("/api/catalog/navigation/scenarios/" + scenario.get("code").asString())); // click 1: its first question
            walk(tree.get("root"), 2, clicks);
        }
        return clicks;
    }

    void walk(JsonNode question, int clicksToAnswer, Map<String, Integer> clicks) {
        for (JsonNode answer : question.get("answers")) {
            if (answer.hasNonNull("items")) {
                answer.get("items").forEach(i -> clicks.merge(i.asString(), clicksToAnswer + 1, Math::min));
            }
            if (answer.hasNonNull("next")) {
                walk(answer.get("next"), clicksToAnswer + 1, clicks);
            }
        }
    }

    List<String> publishedFor(String region) {
        List<String> codes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/catalog/items?region=" + region + "&limit=200" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(i -> codes.add(i.get("code").asString()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return codes;
    }

    @Test
    void everyPublishedItemOfARegionIsAtMostThreeClicksFromTheFrontPage() {
        // one more item published now, so the proof covers what admins add, not only the seed
        String code = draftItem("导航可达测试事项", guide("导航可达测试事项", LocalDate.now()));
        publish(code, 1);
        for (String region : List.of(TAISHAN, "445103", "440700")) {
            List<String> published = publishedFor(region);
            Map<String, Integer> clicks = clicksFromFrontPage(region);
            assertThat(published).as(region).isNotEmpty();
            for (String item : published) {
                assertThat(clicks.get(item)).as("clicks to " + item + " in " + region).isNotNull().isLessThanOrEqualTo(3);
            }
        }
        JsonNode front = json(get("/api/catalog/navigation?region=440781"));
        assertThat(front.get("scenarios").toString()).contains("我要开店", "我要结婚");
        assertThat(front.get("bundles").toString()).contains("开办餐饮店");
    }

    @Test
    void scenariosAreMaintainedByTheRegionsAdminsAndChecked() {
        String marriage = json(get("/api/catalog/items?region=440781&theme=NP12")).get("items").get(0).get("code").asString();
        Map<String, Object> ok = Map.of("regionCode", TAISHAN, "title", "我要领证", "position", 5,
                "root", Map.of("text", "办理什么？", "answers", List.of(Map.of("label", "结婚", "items", List.of(marriage)))));
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/LINGZHENG", null, ok).statusCode()).isEqualTo(401);
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/LINGZHENG", "zhangsan", ok).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/LINGZHENG", "catalog-admin-chaoan", ok).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/LINGZHENG", "catalog-admin-taishan", ok).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/catalog/navigation/scenarios/LINGZHENG")).get("title").asString()).isEqualTo("我要领证");

        String chaoanMarriage = json(get("/api/catalog/items?region=445103&theme=NP12")).get("items").get(0).get("code").asString();
        Map<String, Object> foreignItem = Map.of("regionCode", TAISHAN, "title", "错误", "position", 5,
                "root", Map.of("text", "办理什么？", "answers", List.of(Map.of("label", "结婚", "items", List.of(chaoanMarriage)))));
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/BAD1", "catalog-admin-taishan", foreignItem).statusCode()).isEqualTo(400);
        Map<String, Object> leaf = Map.of("label", "x", "items", List.of(marriage));
        Map<String, Object> tooDeep = Map.of("regionCode", TAISHAN, "title", "太深", "position", 5,
                "root", Map.of("text", "1", "answers", List.of(Map.of("label", "a", "next", Map.of("text", "2", "answers",
                        List.of(Map.of("label", "b", "next", Map.of("text", "3", "answers", List.of(leaf))))))))) ;
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/BAD2", "catalog-admin-taishan", tooDeep).statusCode()).isEqualTo(400);
        Map<String, Object> markup = Map.of("regionCode", TAISHAN, "title", "<b>x</b>", "position", 5,
                "root", Map.of("text", "办理什么？", "answers", List.of(leaf)));
        assertThat(call("PUT", "/api/catalog/admin/navigation/scenarios/BAD3", "catalog-admin-taishan", markup).statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/navigation/scenarios/BAD1").statusCode()).isEqualTo(404);
        assertThat(get("/api/catalog/navigation?region=abc").statusCode()).isEqualTo(400);
    }
}
