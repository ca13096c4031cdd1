package cn.onehall.starter.audit;

import java.time.Instant;

/**
 * Filters for {@link AuditLog#find}; null means "any". Newest first, keyset paged by {@code seq}.
 *
 * @param from               occurred at or after (inclusive)
 * @param to                 occurred before (exclusive)
 * @param actorRegionPrefix  only entries whose actor region starts with this (a supervisor's subtree); null for all
 * @param limit              page size, 1..{@value #MAX_LIMIT}
 * @param cursor             the {@code nextCursor} of the previous page: entries with a smaller seq follow
 */
public record AuditQuery(String resourceType, String resourceId, String actorSubject, String action, Instant from, Instant to,
                         String actorRegionPrefix, int limit, Long cursor) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (cursor != null && cursor < 1) {
            throw new IllegalArgumentException("cursor must be positive");
        }
        if (resourceId != null && resourceType == null) {
            throw new IllegalArgumentException("resourceId needs resourceType");
        }
    }

    public static AuditQuery forResource(String resourceType, String resourceId, int limit) {
        return new AuditQuery(resourceType, resourceId, null, null, null, null, null, limit, null);
    }

    public AuditQuery after(Long nextCursor) {
        return new AuditQuery(resourceType, resourceId, actorSubject, action, from, to, actorRegionPrefix, limit, nextCursor);
    }
}
