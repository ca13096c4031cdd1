package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static cn.onehall.systemtests.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.testsupport.Tokens;

/** Nothing is open that should not be: no credentials, expired, tampered and foreign tokens all get 401. */
class DenyByDefaultTest {

    @Test
    void apiCallWithoutCredentialsIsA401Problem() {
        for (String area : Hall.AREAS) {
            HttpResponse<String> response = Bearer.get(GATEWAY + "/api/" + area + "/whoami", null);
            assertThat(response.statusCode()).as(area).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void browserNavigationWithoutSessionIsSentToLogin() {
        HttpResponse<String> response = new Browser().get(GATEWAY + "/api/applications/whoami", "text/html,application/xhtml+xml");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/oauth2/authorization/keycloak");
    }

    @Test
    void expiredTokenIsRefused() {
        String token = Tokens.user("zhangsan", "onehall-dev-short-lived");
        String url = GATEWAY + "/api/catalog/whoami";
        assertThat(Bearer.get(url, token).statusCode()).as("valid while fresh").isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Bearer.get(url, token).statusCode() == 401);
    }

    @Test
    void tamperedTokenIsRefused() {
        String[] parts = Tokens.user("zhangsan").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"applicant\"", "\"platform-admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(Bearer.get(GATEWAY + "/api/identity/whoami", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        String foreign = KeycloakAdmin.masterAdminToken();
        assertThat(Bearer.get(GATEWAY + "/api/supervision/whoami", foreign).statusCode()).isEqualTo(401);
        // and straight at a service, which checks the token itself
        assertThat(Bearer.get("http://localhost:8085/api/supervision/whoami", foreign).statusCode()).isEqualTo(401);
    }

    @Test
    void servicesRefuseCallersThatBypassTheGatewayWithoutAToken() {
        assertThat(Bearer.get("http://localhost:8081/api/catalog/whoami", null).statusCode()).isEqualTo(401);
    }
}
