package cn.onehall.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Anonymous callers reach only the listed public reads and the few listed anonymous submissions; the rest is a 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onehall.gateway.rate.per-second=100000", "onehall.gateway.rate.burst=100000"})
class PublicPathsTest extends StubbedGatewayTest {

    @Test
    void registrationAndComplaintsArePublicPostsAndNothingElseIs() throws Exception {
        assertThat(post("/api/identity/persons")).isEqualTo(200);
        assertThat(post("/api/identity/verification-codes")).isEqualTo(200);
        assertThat(post("/api/supervision/public/complaints")).isEqualTo(200);
        assertThat(post("/api/identity/staff")).isEqualTo(401);
        assertThat(post("/api/identity/persons/someone")).isEqualTo(401);
        assertThat(post("/api/catalog/items")).isEqualTo(401);
        assertThat(send("PUT", "/api/identity/persons")).isEqualTo(401);
    }

    @Test
    void publicReadsAreOpenForGetOnly() throws Exception {
        assertThat(send("GET", "/api/licenses/public/verify")).isEqualTo(200);
        assertThat(post("/api/licenses/public/verify")).isEqualTo(401);
        assertThat(send("GET", "/api/licenses/mine")).isEqualTo(401);
    }

    private int post(String path) throws Exception {
        return send("POST", path);
    }

    private int send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
        return GatewayTestSupport.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
