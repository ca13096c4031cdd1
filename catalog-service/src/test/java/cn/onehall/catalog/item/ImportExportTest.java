package cn.onehall.catalog.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onehall.catalog.CatalogIntegrationTest;
import tools.jackson.databind.JsonNode;

/** For county and city halls: bulk import that is all or nothing with per-row errors, and the full export. */
class ImportExportTest extends CatalogIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    String basic(String name) {
        String code = freshBasicCode("07");
        call("POST", "/api/catalog/admin/basic-items", "catalog-admin-taishan",
                Map.of("code", code, "name", name, "powerType", "PUBLIC_SERVICE", "legalBasis", "依据"));
        return code;
    }

    Map<String, Object> row(String basic, String name) {
        return Map.of("basicCode", basic, "regionCode", TAISHAN, "departmentCode", MARKET, "guide", guide(name, LocalDate.now()));
    }

    @Test
    void oneBadRowAndNothingIsImportedWithTheErrorsOfEveryRow() {
        String a = basic("导入甲");
        String b = basic("导入乙");
        Map<String, Object> bad = new java.util.HashMap<>(guide("导入丙", LocalDate.now()));
        bad.put("themes", List.of("NP99"));
        HttpResponse<String> refused = call("POST", "/api/catalog/admin/items/import", "catalog-admin-taishan", Map.of("items", List.of(
                row(a, "导入甲"), row(b, "导入乙"), Map.of("basicCode", basic("导入丙"), "regionCode", TAISHAN, "departmentCode", MARKET, "guide", bad),
                row(a, "导入甲（重复）"), Map.of("basicCode", "123", "regionCode", TAISHAN, "departmentCode", MARKET, "guide", guide("x", LocalDate.now())))));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode errors = json(refused).get("errors");
        assertThat(errors.toString()).contains("\"row\":2", "NP99", "\"row\":3", "ITEM_EXISTS", "\"row\":4", "basicCode")
                .doesNotContain("\"row\":0", "\"row\":1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM item WHERE basic_code IN (?, ?)").params(a, b).query(Integer.class).single()).isZero();

        HttpResponse<String> imported = call("POST", "/api/catalog/admin/items/import", "catalog-admin-taishan",
                Map.of("items", List.of(row(a, "导入甲"), row(b, "导入乙"))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(json(imported).get("imported")).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM item_version v JOIN item i ON i.code = v.item_code WHERE i.basic_code IN (?, ?) AND v.state = 'DRAFT'")
                .params(a, b).query(Integer.class).single()).as("imported as drafts, for legality review").isEqualTo(2);

        assertThat(call("POST", "/api/catalog/admin/items/import", "catalog-admin-chaoan",
                Map.of("items", List.of(row(basic("导入丁"), "导入丁")))).statusCode()).as("outside the admin's region").isEqualTo(400);
        assertThat(call("POST", "/api/catalog/admin/items/import", null, Map.of("items", List.of())).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/catalog/admin/items/import", "catalog-admin-taishan", Map.of("items", List.of())).statusCode()).isEqualTo(400);
    }

    @Test
    void theExportHoldsEveryPublishedGuideOfTheRegionAndWhereToResume() {
        JsonNode export = json(get("/api/catalog/export?region=440781"));
        assertThat(export.get("cursor").asString()).isNotBlank();
        assertThat(export.get("items").size()).isGreaterThanOrEqualTo(50);
        assertThat(export.get("items").toString()).contains("食品经营许可", "11440781MB2C00012D003", "药品零售企业许可").doesNotContain("潮州市潮安区");
        JsonNode first = export.get("items").get(0);
        assertThat(first.has("materials") && first.has("legalLimit") && first.has("validFrom")).isTrue();
        assertThat(json(get("/api/catalog/changes?after=" + export.get("cursor").asString())).get("items")).isNotNull();
        assertThat(get("/api/catalog/export").statusCode()).isEqualTo(400);
    }
}
