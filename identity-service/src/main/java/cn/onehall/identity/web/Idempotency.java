package cn.onehall.identity.web;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * Idempotency-Key on creating POSTs: the first answer is stored in the transaction that created the thing, a repeat
 * with the same key and the same request gets that answer again, the same key with another request is a 422.
 */
@Component
public class Idempotency {

    public record Stored(int status, String body) {
    }

    private final JdbcClient jdbc;

    public Idempotency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String validKey(String key) {
        if (key != null && (key.isBlank() || key.length() > 100 || !key.matches("[A-Za-z0-9._:-]+"))) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION,
                    "Idempotency-Key must be 1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return key;
    }

    public Optional<Stored> find(String scope, String key, String fingerprint) {
        if (key == null) {
            return Optional.empty();
        }
        record Row(String fingerprint, int status, String body) {
        }
        return jdbc.sql("SELECT fingerprint, status, body FROM idempotent_request WHERE scope = ? AND idem_key = ?")
                .params(scope, key).query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3))).optional()
                .map(r -> {
                    if (!r.fingerprint().equals(fingerprint)) {
                        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                                "This Idempotency-Key was used for a different request");
                    }
                    return new Stored(r.status(), r.body());
                });
    }

    /** In the creating transaction. */
    public void remember(String scope, String key, String fingerprint, int status, String body) {
        if (key != null) {
            jdbc.sql("INSERT INTO idempotent_request (scope, idem_key, fingerprint, status, body) VALUES (?, ?, ?, ?, ?)")
                    .params(scope, key, fingerprint, status, body).update();
        }
    }
}
