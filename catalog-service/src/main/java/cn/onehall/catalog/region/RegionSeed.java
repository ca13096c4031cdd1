package cn.onehall.catalog.region;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onehall.catalog.config.SeedFiles;
import cn.onehall.starter.codes.RegionCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the regions of the seed places (seed/regions.json, a copy of shared/data/regions.json) when they are
 * absent. Parents come before children in the file; every code is checked against GB/T 2260's structure.
 */
@Component
@Order(0)
class RegionSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegionSeed.class);

    private final RegionRepository regions;
    private final JsonMapper json;

    RegionSeed(RegionRepository regions, JsonMapper json) {
        this.regions = regions;
        this.json = json;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        int added = 0;
        for (JsonNode node : SeedFiles.read(json, "seed/regions.json").get("regions")) {
            String code = node.get("code").asString();
            if (!RegionCode.isValid(code)) {
                throw new IllegalStateException("seed region " + code + " is not a GB/T 2260 code");
            }
            String parent = node.hasNonNull("parent") ? node.get("parent").asString() : null;
            if (regions.insertIfAbsent(new Region(code, node.get("name").asString(), RegionCode.level(code), parent))) {
                added++;
            }
        }
        if (added > 0) {
            log.info("loaded {} seed regions", added);
        }
    }
}
