package cn.onehall.catalog.department;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.catalog.config.SeedFiles;
import cn.onehall.starter.codes.CreditCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Demo departments of the seed places, loaded once; an edited department is never overwritten. Runs after the regions. */
@Component
@Order(10)
class DepartmentSeed implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DepartmentSeed(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (JsonNode d : SeedFiles.read(json, "seed/departments.json").get("departments")) {
            String code = d.get("creditCode").asString();
            if (!CreditCode.isValid(code)) {
                throw new IllegalStateException("seed department " + code + " has an invalid credit code");
            }
            jdbc.sql("INSERT IGNORE INTO department (credit_code, name, short_name, region_code, phone, address, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'seed')")
                    .params(code, d.get("name").asString(), d.get("shortName").asString(), d.get("regionCode").asString(),
                            d.get("phone").asString(), d.get("address").asString()).update();
        }
    }
}
