package cn.onehall.identity.verification;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.identity.IdentityProperties;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.problem.ProblemCode;
import cn.onehall.starter.problem.ProblemException;

/**
 * One-time codes: six digits, valid for {@code ttl}, one per phone and purpose per {@code resend-after}, at most
 * {@code max-attempts} wrong guesses. Only a keyed hash of the code is stored.
 */
@Service
public class VerificationCodes {

    public static final String PHONE_PURPOSE = "phone";
    public static final String INVALID_CODE = "VERIFICATION_CODE_INVALID";

    public enum Purpose { REGISTRATION }

    private final JdbcClient jdbc;
    private final BlindIndex index;
    private final CodeSender sender;
    private final IdentityProperties.VerificationCode settings;
    private final TransactionTemplate own;
    private final SecureRandom random = new SecureRandom();

    VerificationCodes(JdbcClient jdbc, BlindIndex index, List<CodeSender> senders, IdentityProperties properties,
                      PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.index = index;
        this.sender = senders.stream().filter(s -> s.name().equals(properties.codeSender())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no code sender named '" + properties.codeSender() + "'"));
        this.settings = properties.verificationCode();
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Issued(long expiresInSeconds, long resendAfterSeconds) {
    }

    public Issued issue(String phone, Purpose purpose) {
        String phoneIndex = index.of(phone, PHONE_PURPOSE);
        return own.execute(status -> {
            Long recent = jdbc.sql("""
                            SELECT COUNT(*) FROM verification_code WHERE phone_index = ? AND purpose = ?
                              AND created_at > NOW(3) - INTERVAL ? MICROSECOND""")
                    .params(phoneIndex, purpose.name(), settings.resendAfter().toNanos() / 1000).query(Long.class).single();
            if (recent > 0) {
                throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED,
                        "A code was sent to this number a moment ago; wait before asking again",
                        Map.of("retryAfterSeconds", settings.resendAfter().toSeconds()));
            }
            String code = "%06d".formatted(random.nextInt(1_000_000));
            jdbc.sql("""
                            INSERT INTO verification_code (phone_index, purpose, code_hash, expires_at)
                            VALUES (?, ?, ?, NOW(3) + INTERVAL ? MICROSECOND)""")
                    .params(phoneIndex, purpose.name(), hash(phoneIndex, code), settings.ttl().toNanos() / 1000).update();
            sender.send(phone, "【一网通办】您的验证码是 " + code + "，" + settings.ttl().toMinutes() + " 分钟内有效。请勿告诉他人。");
            return new Issued(settings.ttl().toSeconds(), settings.resendAfter().toSeconds());
        });
    }

    /**
     * Checks the code before the registration's transaction; a wrong guess is counted in a transaction of its own so a
     * failing request cannot undo it.
     *
     * @return the code's id, to {@link #consume} in the registration's transaction
     */
    public long check(String phone, Purpose purpose, String code) {
        String phoneIndex = index.of(phone, PHONE_PURPOSE);
        record Candidate(long id, String codeHash, int attempts) {
        }
        List<Candidate> live = jdbc.sql("""
                        SELECT id, code_hash, attempts FROM verification_code WHERE phone_index = ? AND purpose = ?
                          AND consumed_at IS NULL AND expires_at > NOW(3) ORDER BY id DESC LIMIT 1""")
                .params(phoneIndex, purpose.name())
                .query((rs, n) -> new Candidate(rs.getLong("id"), rs.getString("code_hash"), rs.getInt("attempts"))).list();
        if (live.isEmpty() || live.getFirst().attempts() >= settings.maxAttempts()) {
            throw invalid("No valid code for this phone number: ask for a new one");
        }
        Candidate c = live.getFirst();
        boolean matches = code != null && MessageDigest.isEqual(c.codeHash().getBytes(StandardCharsets.US_ASCII),
                hash(phoneIndex, code).getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            own.executeWithoutResult(s -> jdbc.sql("UPDATE verification_code SET attempts = attempts + 1 WHERE id = ?").param(c.id()).update());
            int left = settings.maxAttempts() - c.attempts() - 1;
            throw invalid(left > 0 ? "The code is wrong; " + left + " attempts left" : "The code is wrong; ask for a new one");
        }
        return c.id();
    }

    /** Marks the code used, in the caller's transaction (a registration that fails leaves the code usable). */
    public void consume(long codeId) {
        int updated = jdbc.sql("UPDATE verification_code SET consumed_at = NOW(3) WHERE id = ? AND consumed_at IS NULL").param(codeId).update();
        if (updated != 1) {
            throw invalid("This code was used already: ask for a new one");
        }
    }

    private String hash(String phoneIndex, String code) {
        return index.of(phoneIndex + ":" + code, "verification-code");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, INVALID_CODE, detail, Map.of("field", "verificationCode"));
    }
}
