package cn.onehall.identity.web;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Fixed-window counters in Redis, shared by every replica: how many times one client address may do something
 * per window. Redis down: the limit is skipped (logged), since the one-time code still guards registration and a
 * Redis outage must not close the door on everyone.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final StringRedisTemplate redis;

    public RateLimiter(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** @throws ProblemException 429 with {@code retryAfterSeconds} once the client used up the window */
    public void check(String action, String client, int limit, Duration window) {
        long windowSeconds = Math.max(1, window.toSeconds());
        long now = System.currentTimeMillis() / 1000;
        long slot = now / windowSeconds;
        String key = "onehall:identity:rate:" + action + ":" + client + ":" + slot;
        Long count;
        try {
            count = redis.opsForValue().increment(key);
            if (count != null && count == 1) {
                redis.expire(key, Duration.ofSeconds(windowSeconds + 1));
            }
        } catch (RuntimeException e) {
            log.warn("Rate limit of {} not checked, Redis unavailable: {}", action, e.toString());
            return;
        }
        if (count != null && count > limit) {
            long retryAfter = (slot + 1) * windowSeconds - now;
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED,
                    "Too many requests from your address; try again later", Map.of("retryAfterSeconds", retryAfter));
        }
    }

    /**
     * The client's address: the last X-Forwarded-For entry (the one the gateway appended: services are reached only
     * through it), else the peer address. Earlier entries are the client's own claim and are not trusted.
     */
    public static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].strip();
            if (!last.isEmpty() && last.length() <= 45 && last.matches("[0-9A-Fa-f:.]+")) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }
}
