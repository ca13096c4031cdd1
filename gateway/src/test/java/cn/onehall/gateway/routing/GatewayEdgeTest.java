package cn.onehall.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import cn.onehall.starter.testsupport.Tokens;

/** The gateway's edge: per-caller rate limits with 429 problems, security headers, CORS, and no session cookie downstream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onehall.gateway.rate.per-second=1", "onehall.gateway.rate.burst=3"})
class GatewayEdgeTest extends StubbedGatewayTest {

    @Test
    void overTheLimitIsA429Problem() throws Exception {
        String token = Tokens.client("county-taishan", "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET");
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(GatewayTestSupport.get(port(), "/api/licenses/anything", token));
        }
        HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(responses.get(0).statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieNeverReachesAService() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port() + "/api/identity/echo"))
                .header("Authorization", "Bearer " + Tokens.user("zhangsan")).header("Cookie", "SESSION=abc").GET().build();
        HttpResponse<String> response = GatewayTestSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"authorization\":true").contains("\"cookie\":false");
    }

    @Test
    void corsPreflightFromAConfiguredPortalIsAllowed() throws Exception {
        HttpResponse<String> response = preflight("http://localhost:5173");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    void corsPreflightFromAnUnknownOriginIsRefused() throws Exception {
        HttpResponse<String> response = preflight("https://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port() + "/api/applications/whoami"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type").build();
        return GatewayTestSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void securityHeadersAreSet() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port() + "/")).header("Accept", "text/html").GET().build();
        HttpResponse<String> response = GatewayTestSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    }
}
