package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static cn.onehall.systemtests.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;

/** One login at the gateway serves every service (一次认证、全网通行). */
class SingleSignOnTest {

    @Test
    void oneLoginServesAllFiveServices() {
        Browser browser = new Browser();
        URI authorize = browser.login(GATEWAY, "zhangsan", Tokens.DEMO_PASSWORD);
        assertThat(authorize.getQuery()).as("PKCE on the authorization request").contains("code_challenge=", "code_challenge_method=S256");

        Set<String> subjects = new HashSet<>();
        Set<String> services = new HashSet<>();
        for (String area : Hall.AREAS) {
            HttpResponse<String> response = browser.api(GATEWAY + "/api/" + area + "/whoami");
            assertThat(response.statusCode()).as(area).isEqualTo(200);
            JsonNode me = json(response);
            subjects.add(me.get("subject").asString());
            services.add(me.get("service").asString());
            assertThat(me.get("username").asString()).isEqualTo("zhangsan");
            assertThat(me.get("roles").toString()).contains("applicant");
            assertThat(me.get("region").asString()).isEqualTo("440781");
            assertThat(me.get("holderType").asString()).isEqualTo("NATURAL_PERSON");
        }
        assertThat(services).hasSize(5);
        assertThat(subjects).as("the same subject everywhere").hasSize(1);
        assertThat(browser.loginFormsSubmitted).as("no second login").isEqualTo(1);
    }

    @Test
    void integrationClientTokenWorksThroughTheGateway() {
        String token = Tokens.client("county-taishan", "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET");
        for (String area : Hall.AREAS) {
            HttpResponse<String> response = Bearer.get(GATEWAY + "/api/" + area + "/whoami", token);
            assertThat(response.statusCode()).as(area).isEqualTo(200);
            assertThat(json(response).get("clientId").asString()).isEqualTo("county-taishan");
            assertThat(json(response).get("region").asString()).isEqualTo("440781");
            assertThat(json(response).get("roles").toString()).contains("integration");
        }
    }

    @Test
    void theGatewayRefreshesTheRelayedTokenWhenItExpires() {
        String previous = KeycloakAdmin.setClientAttribute("onehall-gateway", "access.token.lifespan", "10");
        try {
            Browser browser = new Browser();
            browser.login(GATEWAY, "officer-market", Tokens.DEMO_PASSWORD);
            Instant firstExpiry = Instant.parse(json(browser.api(GATEWAY + "/api/catalog/whoami")).get("tokenExpiresAt").asString());
            // Past expiry plus the services' clock skew: the first token would now be refused.
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(firstExpiry.plusSeconds(6)));
            HttpResponse<String> later = browser.api(GATEWAY + "/api/catalog/whoami");
            assertThat(later.statusCode()).isEqualTo(200);
            assertThat(Instant.parse(json(later).get("tokenExpiresAt").asString())).isAfter(firstExpiry);
        } finally {
            KeycloakAdmin.setClientAttribute("onehall-gateway", "access.token.lifespan", previous);
        }
    }
}
