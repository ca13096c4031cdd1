package cn.onehall.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import cn.onehall.starter.testsupport.Tokens;

/**
 * Many calls in flight on one route all get through: the circuit breaker's default bulkhead (25 concurrent calls)
 * used to reject the rest, count them as failures and open the breaker for everyone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onehall.gateway.rate.per-second=100000", "onehall.gateway.rate.burst=100000"})
class ConcurrentCallsTest extends StubbedGatewayTest {

    @Test
    void fortyConcurrentSlowCallsOnOneRouteAllSucceed() {
        String token = Tokens.client("county-taishan", "ONEHALL_COUNTY_TAISHAN_CLIENT_SECRET");
        URI slow = URI.create("http://localhost:" + port() + "/api/catalog/slow");
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 40)
                .mapToObj(i -> GatewayTestSupport.HTTP.sendAsync(HttpRequest.newBuilder(slow).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).hasSize(40).containsOnly(200);
    }
}
