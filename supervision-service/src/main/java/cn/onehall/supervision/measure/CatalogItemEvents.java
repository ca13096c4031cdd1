package cn.onehall.supervision.measure;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;
import tools.jackson.databind.JsonNode;

/**
 * The catalogue's published items into {@code item_view}, so the item measures (full-online, visits) count every item of
 * the hall, not only those that had cases. The event is thin: the guide is read from the catalogue's public
 * {@code GET /api/catalog/items/{code}/versions/{version}} (docs/contracts.md). A catalogue that cannot be reached fails the
 * handling, which the starter retries.
 */
@Component
class CatalogItemEvents implements EventHandler {

    static final String PUBLISHED = "cn.onehall.catalog.item-published";
    static final String REVOKED = "cn.onehall.catalog.item-revoked";

    private final JdbcClient jdbc;
    private final RestClient catalog;

    CatalogItemEvents(JdbcClient jdbc, @Value("${onehall.catalog-url:http://localhost:8081}") String catalogUrl) {
        this.jdbc = jdbc;
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(1));
        timeouts.setReadTimeout(Duration.ofSeconds(3));
        this.catalog = RestClient.builder().baseUrl(catalogUrl).requestFactory(timeouts).build();
    }

    @Override
    public String stream() {
        return "catalog-service";
    }

    @Override
    public boolean supports(String type) {
        return PUBLISHED.equals(type) || REVOKED.equals(type);
    }

    @Override
    public void handle(CloudEvent event) {
        JsonNode d = event.data();
        String code = d.path("itemCode").asString();
        if (code.isBlank()) {
            throw new IllegalArgumentException("catalog event " + event.id() + " has no itemCode");
        }
        long at = event.time().toInstant().toEpochMilli();
        if (REVOKED.equals(event.type())) {
            jdbc.sql("UPDATE item_view SET revoked = TRUE WHERE item_code = ?").param(code).update();
            return;
        }
        JsonNode guide = catalog.get().uri("/api/catalog/items/{code}/versions/{version}", code, d.path("version").asInt())
                .retrieve().body(JsonNode.class);
        if (guide == null) {
            throw new IllegalStateException("the catalogue returned no guide for " + code);
        }
        boolean complete = !guide.path("promisedLimit").path("value").isMissingNode() && !guide.path("legalLimit").path("value").isMissingNode()
                && !guide.path("fee").path("amount").isMissingNode() && guide.path("onlineDepth").isNumber() && guide.path("visits").isNumber()
                && guide.path("materials").isArray() && !guide.path("materials").isEmpty();
        jdbc.sql("""
                INSERT INTO item_view (item_code, region_code, department_code, power_type, online_depth, item_visits, issues_licence_type,
                  guide_complete, seen_ms, source, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CATALOG', FALSE)
                ON DUPLICATE KEY UPDATE region_code = VALUES(region_code), department_code = VALUES(department_code), power_type = VALUES(power_type),
                  online_depth = VALUES(online_depth), item_visits = VALUES(item_visits), issues_licence_type = VALUES(issues_licence_type),
                  guide_complete = VALUES(guide_complete), seen_ms = GREATEST(seen_ms, VALUES(seen_ms)), source = 'CATALOG', revoked = FALSE""")
                .params(code, text(guide, "regionCode", d.path("regionCode").asString()), text(guide, "departmentCode", d.path("departmentCode").asString()),
                        text(guide, "powerType", null), guide.path("onlineDepth").isNumber() ? guide.path("onlineDepth").asInt() : null,
                        guide.path("visits").isNumber() ? guide.path("visits").asInt() : null, text(guide, "issuesLicenceType", null), complete, at)
                .update();
        String licence = text(guide, "issuesLicenceType", null);
        if (licence != null) {
            jdbc.sql("""
                    INSERT INTO licence_type_view (type_code, region_code, department_code, expected) VALUES (?, ?, ?, TRUE)
                    ON DUPLICATE KEY UPDATE expected = TRUE""")
                    .params(licence, text(guide, "regionCode", d.path("regionCode").asString()), text(guide, "departmentCode", d.path("departmentCode").asString()))
                    .update();
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.path(field);
        return v.isString() && !v.asString().isBlank() ? v.asString() : fallback;
    }
}
