package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** Integrators find every service's OpenAPI through the gateway, without logging in. */
class ApiDocsTest {

    @Test
    void swaggerUiListsEveryService() {
        HttpResponse<String> config = Bearer.get(GATEWAY + "/v3/api-docs/swagger-config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        for (String area : Hall.AREAS) {
            assertThat(config.body()).contains("/api/" + area + "/v3/api-docs");
        }
        assertThat(new Browser().follow(new Browser().get(GATEWAY + "/swagger-ui.html", "text/html")).statusCode()).isEqualTo(200);
    }

    @Test
    void eachServicesOpenApiIsServedThroughTheGateway() {
        for (String area : Hall.AREAS) {
            HttpResponse<String> docs = Bearer.get(GATEWAY + "/api/" + area + "/v3/api-docs", null);
            assertThat(docs.statusCode()).as(area).isEqualTo(200);
            assertThat(docs.body()).contains("\"openapi\"").contains("/api/" + area + "/whoami");
        }
    }

    @Test
    void thePortalPageIsServed() {
        HttpResponse<String> portal = new Browser().get(GATEWAY + "/", "text/html");
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.body()).contains("一网通办");
    }
}
