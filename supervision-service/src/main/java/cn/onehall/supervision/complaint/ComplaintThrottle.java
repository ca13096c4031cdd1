package cn.onehall.supervision.complaint;

import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.supervision.config.SupervisionProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Anonymous complaints are throttled per client IP in Redis (shared by replicas): a fixed window counter that expires
 * with the window. The client IP is the remote address, or the first X-Forwarded-For hop when the remote address is a
 * trusted proxy (the gateway). Redis down: the complaint is refused (503) rather than accepted unthrottled.
 */
@Component
class ComplaintThrottle {

    private final StringRedisTemplate redis;
    private final SupervisionProperties properties;

    ComplaintThrottle(StringRedisTemplate redis, SupervisionProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    void check(HttpServletRequest request) {
        String ip = clientIp(request);
        long window = properties.complaintWindow().toMillis();
        String key = "onehall:supervision:complaints:" + ip + ":" + (System.currentTimeMillis() / window);
        Long count;
        try {
            count = redis.opsForValue().increment(key);
            if (count != null && count == 1) {
                redis.expire(key, properties.complaintWindow().multipliedBy(2));
            }
        } catch (RuntimeException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.SERVICE_UNAVAILABLE, "Complaints cannot be taken right now; try again later");
        }
        if (count != null && count > properties.complaintsPerIp()) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED,
                    "Too many complaints from this address; try again later", Map.of("retryAfterSeconds", properties.complaintWindow().toSeconds()));
        }
    }

    String clientIp(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && properties.trustedProxies().contains(remote)) {
            String first = forwarded.split(",")[0].trim();
            if (first.matches("[0-9A-Fa-f:.]{2,45}")) {
                return first;
            }
        }
        return remote;
    }
}
