package cn.onehall.catalog.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.catalog.bundle.BundleAdministration;
import cn.onehall.catalog.config.SeedFiles;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo catalogue (seed/items.json) other teams rely on: published implementation items of the seed places and the
 * bundles built from them. Each entry goes through the same rules as an administrator's draft and is published through
 * the same path (events included), reviewed by "seed"; an item or bundle that exists already is left as it is, so
 * the seed runs at every start and never overwrites an edit. Runs after regions, departments and themes.
 */
@Component
@Order(20)
class DemoCatalogueSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogueSeed.class);
    static final String SEED_USER = "seed";

    private final ItemRepository items;
    private final ItemAdministration administration;
    private final GuideRules rules;
    private final BundleAdministration bundles;
    private final Validator validator;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final boolean enabled;

    DemoCatalogueSeed(ItemRepository items, ItemAdministration administration, GuideRules rules, BundleAdministration bundles,
                      Validator validator, JsonMapper json, TransactionTemplate tx, @Value("${onehall.catalog.demo-seed:true}") boolean enabled) {
        this.items = items;
        this.administration = administration;
        this.rules = rules;
        this.bundles = bundles;
        this.validator = validator;
        this.json = json;
        this.tx = tx;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        JsonNode seed = SeedFiles.read(json, "seed/items.json");
        int added = 0;
        for (JsonNode entry : seed.get("items")) {
            if (Boolean.TRUE.equals(tx.execute(status -> load(entry)))) {
                added++;
            }
        }
        for (JsonNode bundle : seed.get("bundles")) {
            tx.executeWithoutResult(status -> bundles.seed(bundle));
        }
        if (added > 0) {
            log.info("published {} demo items", added);
        }
    }

    private boolean load(JsonNode entry) {
        BasicItem basic = json.treeToValue(entry.get("basic"), BasicItem.class);
        GuideContent guide = json.treeToValue(entry.get("guide"), GuideContent.class);
        String region = entry.get("regionCode").asString();
        String department = entry.get("departmentCode").asString();
        List<String> problems = new ArrayList<>();
        validate(basic, problems);
        validate(guide, problems);
        if (!ItemCodes.isValidBasicCode(basic.code()) || ItemCodes.powerTypeOf(basic.code()) != basic.powerType()) {
            problems.add("basic code " + basic.code() + " does not follow the code rule");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("seed item " + guide.name() + " is invalid: " + problems);
        }
        GuideContent checked = rules.check(guide, department);
        items.insertBasic(basic, SEED_USER);
        String code = ItemCodes.implementationCode(basic.code(), region, department);
        if (items.item(code).isPresent()) {
            return false;
        }
        items.insertItem(code, basic.code(), region, department, SEED_USER);
        items.insertVersion(code, 1, checked.validFrom(), json.writeValueAsString(checked), SEED_USER);
        items.setLastVersion(code, 1);
        ItemRow item = items.lockItem(code).orElseThrow();
        administration.publish(item, items.version(code, 1).orElseThrow(), SEED_USER, "demo data");
        return true;
    }

    private <T> void validate(T value, List<String> problems) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        violations.forEach(v -> problems.add(v.getPropertyPath() + " " + v.getMessage()));
    }
}
