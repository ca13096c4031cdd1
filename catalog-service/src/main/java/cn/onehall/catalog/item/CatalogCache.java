package cn.onehall.catalog.item;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The Redis cache of public catalogue reads, shared by every replica. Published versions are immutable, so their
 * entries only go when the item is revoked; "which version is current" and list pages are evicted on publish and
 * revoke (lists by the change-feed position in their key). Redis failing is never the reader's problem: the read
 * goes to the database; evictions Redis refused are retried before this replica reads from it again.
 */
@Component
public class CatalogCache {

    private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private volatile boolean failing;
    /** Evictions Redis refused during an outage; done before anything is read from the cache again. */
    private final java.util.Set<String> pendingEvictions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CatalogCache(StringRedisTemplate redis, @Value("${onehall.catalog.cache-prefix:onehall:catalog:}") String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** The cached value, or what the loader gives (cached for ttl). A null from the loader is not cached. */
    public String get(String key, Duration ttl, Supplier<String> loader) {
        String full = prefix + key;
        try {
            flushPendingEvictions();
            String hit = redis.opsForValue().get(full);
            recovered();
            if (hit != null) {
                return hit;
            }
        } catch (RuntimeException e) {
            outage(e);
            return loader.get();
        }
        String value = loader.get();
        if (value != null) {
            try {
                redis.opsForValue().set(full, value, ttl);
            } catch (RuntimeException e) {
                outage(e);
            }
        }
        return value;
    }

    public void evict(String... keys) {
        for (String key : keys) {
            pendingEvictions.add(prefix + key);
        }
        try {
            flushPendingEvictions();
        } catch (RuntimeException e) {
            // Kept and retried before this replica reads the cache again; another replica's TTL bounds its staleness.
            log.warn("Could not evict catalogue cache entries {} now, retried when Redis answers: {}", String.join(",", keys), e.toString());
        }
    }

    private void flushPendingEvictions() {
        if (pendingEvictions.isEmpty()) {
            return;
        }
        for (String key : java.util.List.copyOf(pendingEvictions)) {
            redis.delete(key);
            pendingEvictions.remove(key);
        }
    }

    private void outage(RuntimeException e) {
        if (!failing) {
            failing = true;
            log.warn("Catalogue cache (Redis) unavailable, reading from the database: {}", e.toString());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("Catalogue cache (Redis) works again");
        }
    }
}
