package cn.onehall.identity.page;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import cn.onehall.identity.IdentityTestSupport;
import tools.jackson.databind.JsonNode;

/** The page's peers are WireMock stubs of their REST answers; the licences peer goes down in the last test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonalPageTest extends IdentityTestSupport {

    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;

    static final WireMockServer APPLICATIONS = new WireMockServer(options().dynamicPort());
    static final WireMockServer LICENCES = new WireMockServer(options().dynamicPort());
    static final WireMockServer CATALOG = new WireMockServer(options().dynamicPort());

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        for (WireMockServer server : new WireMockServer[] {APPLICATIONS, LICENCES, CATALOG}) {
            if (!server.isRunning()) {
                server.start();
            }
        }
        APPLICATIONS.stubFor(get(urlPathEqualTo("/api/applications/mine")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"caseNumber\":\"C-PAGE-1\",\"status\":\"ACCEPTED\"}],\"nextCursor\":null}")));
        LICENCES.stubFor(get(urlPathEqualTo("/api/licenses/mine")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"licenceId\":\"L-PAGE-1\",\"typeName\":\"居民身份证\"}],\"nextCursor\":null}")));
        CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/items")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[{\"code\":\"ITEM-PAGE-1\",\"name\":\"食品经营许可\"}],\"nextCursor\":null}")));
        registry.add("onehall.identity.application-url", APPLICATIONS::baseUrl);
        registry.add("onehall.identity.license-url", LICENCES::baseUrl);
        registry.add("onehall.catalog-url", CATALOG::baseUrl);
    }

    @AfterAll
    static void stopPeers() {
        APPLICATIONS.stop();
        LICENCES.stop();
        CATALOG.stop();
    }

    @Test
    @Order(1)
    void thePageGathersEveryPartWithTheCallersTokenAndCountsTheVisit() {
        api().call("PUT", "/api/identity/me/subscriptions/ITEM-SUB-1", "zhangsan", null, Map.of());
        long visits = jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.identity.page-visited'").query(Long.class).single();
        HttpResponse<String> r = api().get("/api/identity/me/page", "zhangsan");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = json(r);
        assertThat(page.get("pageType").asString()).isEqualTo("PERSONAL");
        JsonNode parts = page.get("parts");
        assertThat(parts.get("cases").get("available").asBoolean()).isTrue();
        assertThat(parts.get("cases").toString()).contains("C-PAGE-1");
        assertThat(parts.get("licences").toString()).contains("L-PAGE-1");
        assertThat(parts.get("suggestedItems").toString()).contains("ITEM-PAGE-1");
        assertThat(parts.get("subscriptions").toString()).contains("ITEM-SUB-1");
        assertThat(parts.get("messages").get("available").asBoolean()).isTrue();
        APPLICATIONS.verify(getRequestedFor(urlPathEqualTo("/api/applications/mine")).withHeader("Authorization", matching("Bearer .+")));
        CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/items")).withQueryParam("region", matching("440781"))
                .withQueryParam("serviceObject", matching("NATURAL_PERSON")));

        Map<String, Object> visit = jdbc.sql("SELECT CAST(payload AS CHAR) AS payload FROM outbox_event WHERE type = 'cn.onehall.identity.page-visited' "
                + "ORDER BY seq DESC LIMIT 1").query().singleRow();
        JsonNode data = cn.onehall.starter.testsupport.LocalApi.JSON.readTree(visit.get("payload").toString());
        assertThat(data.get("pageType").asString()).isEqualTo("PERSONAL");
        assertThat(data.get("regionCode").asString()).isEqualTo("440781");
        assertThat(data.get("month").asString()).matches("\\d{4}-\\d{2}");
        assertThat(data.get("visitorKey").asString()).hasSize(64);
        assertThat(visit.get("payload").toString()).doesNotContain("440781198803140029");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE type = 'cn.onehall.identity.page-visited'").query(Long.class).single())
                .isEqualTo(visits + 1);
    }

    @Test
    @Order(2)
    void whenTheLicenceServiceIsDownThePageStillAnswersWithThatPartUnavailable() {
        // The licences peer stops; its circuit opens after enough failures, the page never fails.
        LICENCES.stop();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = api().get("/api/identity/me/page", "taishan-foods");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode parts = json(r).get("parts");
            assertThat(parts.get("licences").get("available").asBoolean()).isFalse();
            assertThat(parts.get("cases").get("available").asBoolean()).isTrue();
            assertThat(parts.get("suggestedItems").get("available").asBoolean()).isTrue();
            assertThat(json(r).get("pageType").asString()).isEqualTo("ENTERPRISE");
        }
        // The enterprise page asks the catalogue for items serving legal persons.
        CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/items")).withQueryParam("serviceObject", matching("LEGAL_PERSON")));
        // Past the breaker's minimum number of calls at a 100 % failure rate: its circuit is open, calls fail fast.
        assertThat(breakers.getAllCircuitBreakers().stream().filter(b -> b.getName().contains("Licences"))
                .map(b -> b.getState().name()).toList()).contains("OPEN");
        assertThat(breakers.getAllCircuitBreakers().stream().filter(b -> b.getName().contains("Applications"))
                .map(b -> b.getState().name()).toList()).doesNotContain("OPEN");
    }
}
