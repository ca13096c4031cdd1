package cn.onehall.systemtests;

import static cn.onehall.systemtests.Browser.GATEWAY;
import static cn.onehall.systemtests.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import cn.onehall.starter.testsupport.Tokens;

/** A service that is down answers a fast 503 problem; the others keep serving; it recovers without a gateway restart. */
class ServiceOutageTest {

    @Test
    void aStoppedServiceIsAFast503AndRecovers() {
        String token = Tokens.client("county-taishan", "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET");
        String url = GATEWAY + "/api/supervision/whoami";
        assertThat(Bearer.get(url, token).statusCode()).isEqualTo(200);

        Hall.run("stop-one", "supervision-service");
        try {
            for (int i = 0; i < 8; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = Bearer.get(url, token);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(millis).as("answered within 1 s").isLessThan(1000);
                assertThat(json(response).get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            }
            for (String area : Hall.AREAS) {
                if (!area.equals("supervision")) {
                    assertThat(Bearer.get(GATEWAY + "/api/" + area + "/whoami", token).statusCode()).as(area).isEqualTo(200);
                }
            }
        } finally {
            Hall.run("start-one", "supervision-service");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Bearer.get(url, token).statusCode() == 200);
    }
}
