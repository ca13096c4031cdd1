package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static cn.onehall.systemtests.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.onehall.starter.testsupport.Tokens;

/** Sessions live in Redis: a session made on one gateway replica works on another. */
class TwoGatewaysTest {

    static final String SECOND_GATEWAY = "http://localhost:8090";

    @BeforeAll
    static void startSecondGateway() {
        Hall.run("start-gateway-2");
    }

    @AfterAll
    static void stopSecondGateway() {
        Hall.run("stop-one", "gateway-2");
    }

    @Test
    void aSessionCreatedOnOneGatewayWorksOnTheOther() {
        Browser browser = new Browser();
        browser.login(GATEWAY, "catalog-admin-taishan", Tokens.DEMO_PASSWORD);
        String onFirst = json(browser.api(GATEWAY + "/api/catalog/whoami")).get("subject").asString();

        var onSecond = browser.api(SECOND_GATEWAY + "/api/catalog/whoami");
        assertThat(onSecond.statusCode()).isEqualTo(200);
        assertThat(json(onSecond).get("subject").asString()).isEqualTo(onFirst);
        assertThat(browser.loginFormsSubmitted).isEqualTo(1);
    }

    @Test
    void aLoginStartedOnOneGatewayCanFinishOnTheOther() {
        Browser browser = new Browser();
        browser.login(SECOND_GATEWAY, "license-admin-taishan", Tokens.DEMO_PASSWORD);
        assertThat(browser.api(GATEWAY + "/api/licenses/whoami").statusCode()).isEqualTo(200);
    }
}
