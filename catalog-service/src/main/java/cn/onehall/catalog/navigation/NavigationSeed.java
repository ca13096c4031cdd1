package cn.onehall.catalog.navigation;

import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.catalog.config.SeedFiles;
import cn.onehall.catalog.item.ItemCodes;
import cn.onehall.starter.security.CurrentUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Demo scenarios (seed/navigation.json), saved through the same rules as an administrator's; an existing one is left alone. */
@Component
@Order(25)
class NavigationSeed implements ApplicationRunner {

    private static final CurrentUser SEED = new CurrentUser("seed", "seed", null, Set.of("platform-admin"), null, null, null, null, null);

    private final Navigation navigation;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final boolean enabled;

    NavigationSeed(Navigation navigation, JdbcClient jdbc, JsonMapper json, @Value("${onehall.catalog.demo-seed:true}") boolean enabled) {
        this.navigation = navigation;
        this.jdbc = jdbc;
        this.json = json;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        for (JsonNode s : SeedFiles.read(json, "seed/navigation.json").get("scenarios")) {
            String code = s.get("code").asString();
            if (jdbc.sql("SELECT COUNT(*) FROM nav_scenario WHERE code = ?").param(code).query(Integer.class).single() > 0) {
                continue;
            }
            ObjectNode copy = (ObjectNode) s.deepCopy();
            copy.remove("code");
            resolve(copy.get("root"));
            navigation.save(code, json.treeToValue(copy, Scenario.class), SEED);
        }
    }

    /** "basic/region/department" → the implementation code. */
    private void resolve(JsonNode question) {
        for (JsonNode answer : question.get("answers")) {
            if (answer.has("items")) {
                ArrayNode items = (ArrayNode) answer.get("items");
                for (int i = 0; i < items.size(); i++) {
                    String[] parts = items.get(i).asString().split("/");
                    items.set(i, ItemCodes.implementationCode(parts[0], parts[1], parts[2]));
                }
            }
            if (answer.has("next")) {
                resolve(answer.get("next"));
            }
        }
    }
}
