package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.testsupport.Tokens;

/** Logout ends the gateway session and the Keycloak session (RP-initiated logout). */
class LogoutTest {

    @Test
    void afterLogoutTheSessionNoLongerWorks() {
        Browser browser = new Browser();
        browser.login(GATEWAY, "supervisor-taishan", Tokens.DEMO_PASSWORD);
        assertThat(browser.api(GATEWAY + "/api/supervision/whoami").statusCode()).isEqualTo(200);

        String csrf = browser.cookie("XSRF-TOKEN");
        assertThat(csrf).as("CSRF cookie for the portal").isNotBlank();
        HttpResponse<String> logout = browser.postForm(GATEWAY + "/logout", Map.of(), Map.of("X-XSRF-TOKEN", csrf));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElse("")).as("to Keycloak's end-session endpoint")
                .contains("/realms/onehall/protocol/openid-connect/logout").contains("id_token_hint=");
        HttpResponse<String> landed = browser.follow(logout);
        assertThat(landed.uri().toString()).as("back on the portal").startsWith(GATEWAY);

        assertThat(browser.api(GATEWAY + "/api/supervision/whoami").statusCode()).isEqualTo(401);
        // Keycloak's session is gone too: logging in again shows the login form instead of signing in silently.
        HttpResponse<String> again = browser.follow(browser.get(GATEWAY + "/oauth2/authorization/keycloak", "text/html"));
        assertThat(again.body()).contains("kc-form-login");
    }

    @Test
    void logoutWithoutTheCsrfTokenIsRefused() {
        Browser browser = new Browser();
        browser.login(GATEWAY, "zhangsan", Tokens.DEMO_PASSWORD);
        HttpResponse<String> forged = browser.postForm(GATEWAY + "/logout", Map.of(), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.api(GATEWAY + "/api/catalog/whoami").statusCode()).isEqualTo(200);
    }
}
