package cn.onehall.license.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key for creating POSTs: the work and the stored answer commit in one transaction, so a repeated request
 * (same caller, key and body) gets the first answer again, concurrent repeats included; the same key with another body
 * is a 422.
 */
@Component
public class Idempotency {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;

    Idempotency(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
    }

    public ResponseEntity<Object> run(String caller, String key, Object request, Supplier<ResponseEntity<?>> work) {
        if (key == null) {
            return cast(tx.execute(s -> work.get()));
        }
        if (key.isBlank() || key.length() > 100) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Idempotency-Key must be 1 to 100 characters");
        }
        String hash = sha256(json.writeValueAsString(request));
        Optional<ResponseEntity<Object>> earlier = replay(caller, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return cast(tx.execute(s -> {
                ResponseEntity<?> response = work.get();
                jdbc.sql("INSERT INTO idempotent_request (caller, idem_key, request_hash, status, body) VALUES (?, ?, ?, ?, ?)")
                        .params(caller, key, hash, response.getStatusCode().value(), json.writeValueAsString(response.getBody())).update();
                return response;
            }));
        } catch (DuplicateKeyException e) {
            return replay(caller, key, hash).orElseThrow(() -> e);
        }
    }

    private Optional<ResponseEntity<Object>> replay(String caller, String key, String hash) {
        return jdbc.sql("SELECT request_hash, status, body FROM idempotent_request WHERE caller = ? AND idem_key = ?").params(caller, key)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(hash)) {
                        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                                "This Idempotency-Key was used for a different request");
                    }
                    return ResponseEntity.status(rs.getInt(2)).contentType(MediaType.APPLICATION_JSON).header("Idempotent-Replayed", "true")
                            .body((Object) json.readTree(rs.getString(3)));
                }).optional();
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<?> r) {
        return (ResponseEntity<Object>) r;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
