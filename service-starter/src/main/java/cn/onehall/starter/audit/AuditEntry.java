package cn.onehall.starter.audit;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** One audit record as auditors read it (审计记录). */
public record AuditEntry(long seq, Instant occurredAt, String actorSubject, String actorUsername, String actorClient,
                         List<String> actorRoles, String actorRegion, String actorDepartment, String action,
                         String resourceType, String resourceId, Outcome outcome, JsonNode details, String traceId,
                         String prevHash, String hash) {
}
