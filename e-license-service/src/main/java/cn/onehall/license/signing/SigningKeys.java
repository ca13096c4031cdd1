package cn.onehall.license.signing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments' SM2 keys: one active (signing) key per department, older ones retired but still published so
 * what they signed stays verifiable. Private keys are only ever in the database sealed by {@link KeyVault}.
 */
@Service
public class SigningKeys {

    public record PublicKey(String keyId, String departmentCode, String algorithm, String curve, String signerId,
                            String publicKey, String status, Instant createdAt, Instant retiredAt) {
    }

    public record Signature(String keyId, byte[] der) {
    }

    private record Row(String keyId, String departmentCode, String publicKey, String privateKey, String status,
                       Instant createdAt, Instant retiredAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final KeyVault vault;
    private final Map<String, byte[]> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, Optional<byte[]>> publicKeys = new ConcurrentHashMap<>();
    private final Map<String, Boolean> verified = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 50_000;
        }
    });

    SigningKeys(JdbcClient jdbc, @Value("${onehall.license.key-encryption-key}") String kek) {
        this.jdbc = jdbc;
        this.vault = new KeyVault(kek);
    }

    /** Signs with the department's active key, creating the department's first key when it has none. */
    public Signature sign(String departmentCode, byte[] message) {
        Row key = active(departmentCode).orElseGet(() -> create(departmentCode));
        byte[] priv = privateKeys.computeIfAbsent(key.keyId(), id -> vault.open(key.privateKey(), id));
        return new Signature(key.keyId(), Sm2.sign(priv, message));
    }

    /** Signs with the named key, which must be active. */
    public byte[] signWith(String keyId, byte[] message) {
        Row key = jdbc.sql(SELECT + " WHERE key_id = ? AND status = 'ACTIVE'").param(keyId).query(this::row).optional()
                .orElseThrow(() -> new IllegalStateException("signing key " + keyId + " is not active"));
        byte[] priv = privateKeys.computeIfAbsent(key.keyId(), id -> vault.open(key.privateKey(), id));
        return Sm2.sign(priv, message);
    }

    /** Verifies with the named key, retired or not; an unknown key id is simply false. */
    public boolean verify(String keyId, byte[] message, byte[] signature) {
        Optional<byte[]> pub = publicKey(keyId);
        if (pub.isEmpty()) {
            return false;
        }
        // SM2 verification costs about a millisecond of CPU; a (key, message, signature) triple that verified once always
        // will, so its digest is remembered. Only successes are kept: a flood of forgeries cannot evict them for free,
        // and any changed byte is a different digest.
        String memo = keyId + ":" + digest(message, signature);
        if (verified.containsKey(memo)) {
            return true;
        }
        boolean ok = Sm2.verify(pub.get(), message, signature);
        if (ok) {
            verified.put(memo, Boolean.TRUE);
        }
        return ok;
    }

    private static String digest(byte[] message, byte[] signature) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(message);
            sha.update((byte) 0);
            sha.update(signature);
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean known(String keyId) {
        return publicKey(keyId).isPresent();
    }

    private Optional<byte[]> publicKey(String keyId) {
        if (keyId == null || keyId.length() > 40) {
            return Optional.empty();
        }
        Optional<byte[]> cached = publicKeys.get(keyId);
        if (cached != null && cached.isPresent()) {
            return cached;
        }
        // Unknown ids are not cached: a key made by another replica a moment ago must become known.
        Optional<byte[]> found = jdbc.sql("SELECT public_key FROM signing_key WHERE key_id = ?").param(keyId)
                .query(String.class).optional().map(Base64.getDecoder()::decode);
        found.ifPresent(k -> publicKeys.put(keyId, Optional.of(k)));
        return found;
    }

    public List<PublicKey> published() {
        return jdbc.sql(SELECT + " ORDER BY department_code, created_at").query(this::row).list().stream().map(SigningKeys::publicView).toList();
    }

    public Optional<PublicKey> activeKey(String departmentCode) {
        return active(departmentCode).map(SigningKeys::publicView);
    }

    /** A new active key for the department; the previous one is retired (it keeps verifying, never signs again). */
    @Transactional
    public PublicKey rotate(String departmentCode) {
        jdbc.sql("UPDATE signing_key SET status = 'RETIRED', active_for = NULL, retired_at = CURRENT_TIMESTAMP(3) WHERE active_for = ?")
                .param(departmentCode).update();
        return publicView(insert(departmentCode));
    }

    /** Makes the department's first key; a concurrent creator wins and its key is used. */
    private Row create(String departmentCode) {
        try {
            return insert(departmentCode);
        } catch (DuplicateKeyException e) {
            // A locking read sees the winner's committed key whatever this transaction's snapshot.
            return jdbc.sql(SELECT + " WHERE active_for = ? FOR UPDATE").param(departmentCode).query(this::row).optional().orElseThrow(() -> e);
        }
    }

    /** Makes sure each department has an active key (at start, so the first licences never race for one). */
    @Transactional
    public void ensureKey(String departmentCode) {
        if (active(departmentCode).isEmpty()) {
            create(departmentCode);
        }
    }

    private Row insert(String departmentCode) {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        String keyId = departmentCode + "-" + HexFormat.of().formatHex(id);
        Sm2.KeyPair pair = Sm2.generate();
        jdbc.sql("INSERT INTO signing_key (key_id, department_code, public_key, private_key, status, active_for) VALUES (?, ?, ?, ?, 'ACTIVE', ?)")
                .params(keyId, departmentCode, Base64.getEncoder().encodeToString(pair.publicKeyDer()), vault.seal(pair.privateKey(), keyId), departmentCode)
                .update();
        privateKeys.put(keyId, pair.privateKey());
        return jdbc.sql(SELECT + " WHERE key_id = ?").param(keyId).query(this::row).single();
    }

    private Optional<Row> active(String departmentCode) {
        return jdbc.sql(SELECT + " WHERE active_for = ?").param(departmentCode).query(this::row).optional();
    }

    private static final String SELECT = "SELECT key_id, department_code, public_key, private_key, status, created_at, retired_at FROM signing_key";

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp retired = rs.getTimestamp("retired_at");
        return new Row(rs.getString("key_id"), rs.getString("department_code"), rs.getString("public_key"), rs.getString("private_key"),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant(), retired == null ? null : retired.toInstant());
    }

    private static PublicKey publicView(Row r) {
        return new PublicKey(r.keyId(), r.departmentCode(), Sm2.ALGORITHM, Sm2.CURVE, Sm2.SIGNER_ID, r.publicKey(), r.status(),
                r.createdAt(), r.retiredAt());
    }
}
