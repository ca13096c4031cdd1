package cn.onehall.identity.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.problem.ProblemException;
import cn.onehall.starter.security.CurrentUser;

/**
 * The in-app inbox. What the caller sees follows the token: the messages of the holder they act for (an agent acting for
 * an enterprise sees the enterprise's), plus their department's when they are staff of one.
 */
@Service
public class Inbox {

    public static final String HOLDER = "HOLDER";
    public static final String DEPARTMENT = "DEPARTMENT";
    static final String HOLDER_INDEX = "holder-ref";

    private final JdbcClient jdbc;
    private final BlindIndex index;

    Inbox(JdbcClient jdbc, BlindIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    public record Message(long id, String category, String title, String body, String subject, OffsetDateTime createdAt, boolean read) {
    }

    public record Page(List<Message> items, String nextCursor) {
    }

    /** The blind index a holder's messages are filed under (ID numbers and credit codes alike). */
    public String holderKey(String holderRef) {
        return index.of(holderRef, HOLDER_INDEX);
    }

    /** Files one message; a redelivered event files nothing twice. */
    public void deliver(String kind, String key, String category, String title, String body, String subject, String eventId) {
        jdbc.sql("""
                        INSERT IGNORE INTO message (recipient_kind, recipient_key, category, title, body, subject, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(kind, key, category, title, body, subject, eventId).update();
    }

    public Page page(CurrentUser user, Long cursor, int limit) {
        Scope scope = scope(user);
        if (scope.isEmpty()) {
            return new Page(List.of(), null);
        }
        List<Object> params = new ArrayList<>();
        String where = scope.where(params);
        params.add(user.subject());
        String sql = "SELECT m.id, m.category, m.title, m.body, m.subject, UNIX_TIMESTAMP(m.created_at) AS created, r.read_at FROM message m "
                + "LEFT JOIN message_read r ON r.message_id = m.id AND r.user_subject = ? WHERE (" + where + ")";
        // the join's parameter comes first in the statement
        params.addFirst(params.removeLast());
        if (cursor != null) {
            sql += " AND m.id < ?";
            params.add(cursor);
        }
        sql += " ORDER BY m.id DESC LIMIT ?";
        params.add(limit + 1);
        List<Message> rows = jdbc.sql(sql).params(params).query(Inbox::message).list();
        boolean more = rows.size() > limit;
        List<Message> items = more ? rows.subList(0, limit) : rows;
        return new Page(items, more ? Long.toString(items.getLast().id()) : null);
    }

    public long unread(CurrentUser user) {
        Scope scope = scope(user);
        if (scope.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        params.add(user.subject());
        String where = scope.where(params);
        return jdbc.sql("SELECT COUNT(*) FROM message m LEFT JOIN message_read r ON r.message_id = m.id AND r.user_subject = ? "
                + "WHERE (" + where + ") AND r.message_id IS NULL").params(params).query(Long.class).single();
    }

    /** Marks one of the caller's messages read; someone else's is a 404. */
    public void markRead(CurrentUser user, long id) {
        Scope scope = scope(user);
        List<Object> params = new ArrayList<>();
        params.add(id);
        Optional<Long> visible = scope.isEmpty() ? Optional.empty()
                : jdbc.sql("SELECT m.id FROM message m WHERE m.id = ? AND (" + scope.where(params) + ")").params(params).query(Long.class).optional();
        if (visible.isEmpty()) {
            throw ProblemException.notFound("message");
        }
        jdbc.sql("INSERT IGNORE INTO message_read (message_id, user_subject) VALUES (?, ?)").params(id, user.subject()).update();
    }

    /** All messages of a holder (the personal data export). */
    public List<Message> allOfHolder(String holderRef, String subject) {
        return jdbc.sql("SELECT m.id, m.category, m.title, m.body, m.subject, UNIX_TIMESTAMP(m.created_at) AS created, r.read_at FROM message m "
                        + "LEFT JOIN message_read r ON r.message_id = m.id AND r.user_subject = ? WHERE m.recipient_kind = 'HOLDER' AND m.recipient_key = ? "
                        + "ORDER BY m.id DESC LIMIT 10000")
                .params(subject, holderKey(holderRef)).query(Inbox::message).list();
    }

    private record Scope(String holderKey, String department) {
        boolean isEmpty() {
            return holderKey == null && department == null;
        }

        String where(List<Object> params) {
            List<String> parts = new ArrayList<>();
            if (holderKey != null) {
                parts.add("(m.recipient_kind = 'HOLDER' AND m.recipient_key = ?)");
                params.add(holderKey);
            }
            if (department != null) {
                parts.add("(m.recipient_kind = 'DEPARTMENT' AND m.recipient_key = ?)");
                params.add(department);
            }
            return String.join(" OR ", parts);
        }
    }

    private Scope scope(CurrentUser user) {
        String holder = user.holderRef() == null || user.holderRef().isBlank() ? null : holderKey(user.holderRef());
        boolean staff = user.hasRole("officer") || user.hasRole("dept-admin") || user.hasRole("supervisor");
        String department = staff && user.department() != null && !user.department().isBlank() ? user.department() : null;
        return new Scope(holder, department);
    }

    private static Message message(ResultSet rs, int n) throws SQLException {
        Instant created = Instant.ofEpochMilli(rs.getBigDecimal("created").movePointRight(3).longValue());
        return new Message(rs.getLong("id"), rs.getString("category"), rs.getString("title"), rs.getString("body"), rs.getString("subject"),
                created.atOffset(ZoneOffset.ofHours(8)), rs.getTimestamp("read_at") != null);
    }
}
