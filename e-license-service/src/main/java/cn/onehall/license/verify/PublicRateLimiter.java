package cn.onehall.license.verify;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Throttles the anonymous endpoints ({@code /api/licenses/public/**}): a fixed window per client in Redis (INCR + PEXPIRE),
 * shared by every replica. The client is the peer address; behind a proxy on loopback or a private address (the gateway)
 * it is the last X-Forwarded-For hop that proxy added. Over the limit: 429 with Retry-After. Redis down: let through
 * (verification is read-only and the gateway limits too), logged.
 */
@Component
class PublicRateLimiter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PublicRateLimiter.class);
    private static final String PREFIX = "/api/licenses/public/";

    private final StringRedisTemplate redis;
    private final long limit;
    private final Duration window;
    private final ProblemWriter problems;

    PublicRateLimiter(StringRedisTemplate redis, ProblemWriter problems,
                      @Value("${onehall.license.public-rate.limit:200}") long limit,
                      @Value("${onehall.license.public-rate.window:1s}") Duration window) {
        this.redis = redis;
        this.problems = problems;
        this.limit = limit;
        this.window = window;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long slot = System.currentTimeMillis() / window.toMillis();
        String key = "onehall:license:rate:" + client(request) + ":" + slot;
        Long count = null;
        try {
            count = redis.opsForValue().increment(key);
            if (count != null && count == 1) {
                redis.expire(key, window.plusSeconds(1));
            }
        } catch (RuntimeException e) {
            log.warn("public rate limit not applied, Redis unavailable: {}", e.toString());
        }
        if (count != null && count > limit) {
            long retry = Math.max(1, (window.toMillis() - System.currentTimeMillis() % window.toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(retry));
            problems.write(request, response, ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED,
                    "Too many verifications from your address; try again in " + retry + " s"));
            return;
        }
        chain.doFilter(request, response);
    }

    static String client(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && trustedProxy(peer)) {
            List<String> hops = List.of(forwarded.split(","));
            String last = hops.getLast().strip();
            if (!last.isEmpty() && last.length() <= 45 && last.matches("[0-9A-Fa-f:.]+")) {
                return last;
            }
        }
        return peer;
    }

    private static boolean trustedProxy(String address) {
        if (address == null) {
            return false;
        }
        if (address.equals("::1") || address.equals("0:0:0:0:0:0:0:1") || address.startsWith("127.") || address.startsWith("10.")
                || address.startsWith("192.168.")) {
            return true;
        }
        if (address.startsWith("172.")) {
            String[] p = address.split("\\.");
            try {
                int second = Integer.parseInt(p[1]);
                return p.length == 4 && second >= 16 && second <= 31;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }
}
