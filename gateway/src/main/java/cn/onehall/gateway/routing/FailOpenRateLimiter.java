package cn.onehall.gateway.routing;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/**
 * The Redis token bucket, with the failure mode decided here rather than left to the library: when Redis is slow or
 * unreachable the request is allowed once Lettuce gives up (its command and connect timeouts, 250 ms, bound the wait;
 * no timer of our own per request). The hall stays open through a cache outage; abuse
 * protection is degraded for that time, which the log says once per outage.
 */
class FailOpenRateLimiter extends RedisRateLimiter {

    // Own logger name: the parent class logs every failed call at ERROR under this class's name, which is silenced.
    private static final Logger log = LoggerFactory.getLogger("cn.onehall.gateway.rate-limit");

    private volatile boolean degraded;

    FailOpenRateLimiter(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script, ConfigurationService configuration) {
        super(redis, script, configuration);
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        // defer: a connection failure can be thrown while the call is assembled, not only signalled
        return Mono.defer(() -> super.isAllowed(routeId, id))
                .doOnNext(r -> degraded = false)
                .onErrorResume(e -> {
                    if (!degraded) {
                        degraded = true;
                        log.warn("rate limiter cannot reach Redis ({}); letting requests through until it is back", e.toString());
                    }
                    return Mono.just(new Response(true, Map.of()));
                });
    }
}
