package cn.onehall.starter.audit;

import java.util.List;

/** A page of entries, newest first; {@code nextCursor} is null on the last page. No totals: counting would scan the log. */
public record AuditPage(List<AuditEntry> items, Long nextCursor) {
}
