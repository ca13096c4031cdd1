package cn.onehall.gateway.routing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;

/**
 * Requests are limited per caller (Redis token bucket): a user by subject, a machine client by client id, an
 * anonymous caller by address. With Redis unreachable the limiter lets requests through after the short Redis
 * timeout: the hall stays open rather than closing on a cache outage.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiting {

    @Bean
    KeyResolver callerKeyResolver() {
        return exchange -> exchange.getPrincipal()
                .map(principal -> switch (principal) {
                    case JwtAuthenticationToken jwt -> "client:" + firstNonNull(jwt.getToken().getClaimAsString("azp"), jwt.getName())
                            + ":" + jwt.getName();
                    case OAuth2AuthenticationToken user -> "user:" + user.getName();
                    default -> "principal:" + principal.getName();
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
                    return "anonymous:" + (remote == null ? "unknown" : remote.getAddress().getHostAddress());
                }));
    }

    /**
     * The library's token-bucket script, read once: the stock bean re-checks the script resource inside the jar on
     * every call (about 4 % of the gateway's CPU under load).
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    RedisScript<List<Long>> tokenBucketScript() throws IOException {
        String lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua").getContentAsString(StandardCharsets.UTF_8);
        return (RedisScript) RedisScript.of(lua, List.class);
    }

    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis,
                                      @Qualifier("tokenBucketScript") RedisScript<List<Long>> script,
                                      ConfigurationService configuration) {
        return new FailOpenRateLimiter(redis, script, configuration);
    }

    /** The gateway's limiter answers 429 with an empty body; give it the problem body every other error has. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    WebFilter tooManyRequestsAsProblem() {
        return (exchange, chain) -> chain.filter(exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                if (HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode()) && !isCommitted()) {
                    getHeaders().set("Retry-After", "1");
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                            "Too many requests; slow down and retry after a second");
                }
                return super.setComplete();
            }
        }).build());
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
