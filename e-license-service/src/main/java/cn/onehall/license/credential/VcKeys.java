package cn.onehall.license.credential;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import cn.onehall.license.signing.KeyVaultAccess;

/** The departments' ES256 (P-256) keys for W3C Verifiable Credentials, next to their SM2 keys; private JWKs sealed. */
@Service
public class VcKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final KeyVaultAccess vault;
    private final Map<String, ECKey> privateKeys = new ConcurrentHashMap<>();

    VcKeys(JdbcClient jdbc, @Value("${onehall.license.key-encryption-key}") String kek) {
        this.jdbc = jdbc;
        this.vault = new KeyVaultAccess(kek);
    }

    /** The department's signing JWK (with its private part), made on first use; a concurrent creator wins. */
    public ECKey signingKey(String departmentCode) {
        Optional<String[]> row = active(departmentCode, false);
        if (row.isEmpty()) {
            try {
                create(departmentCode);
            } catch (DuplicateKeyException e) {
                // made by someone else meanwhile
            }
            row = active(departmentCode, true);
        }
        String[] r = row.orElseThrow();
        return privateKeys.computeIfAbsent(r[0], kid -> parse(new String(vault.open(r[1], kid), StandardCharsets.UTF_8)));
    }

    public JWKSet publicKeys() {
        List<com.nimbusds.jose.jwk.JWK> keys = jdbc.sql("SELECT public_jwk FROM vc_key ORDER BY department_code, created_at")
                .query(String.class).list().stream().map(j -> (com.nimbusds.jose.jwk.JWK) parse(j)).toList();
        return new JWKSet(keys);
    }

    private void create(String departmentCode) {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        String kid = departmentCode + "-es256-" + HexFormat.of().formatHex(id);
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).generate();
            jdbc.sql("INSERT INTO vc_key (key_id, department_code, public_jwk, private_jwk, active_for) VALUES (?, ?, ?, ?, ?)")
                    .params(kid, departmentCode, key.toPublicJWK().toJSONString(),
                            vault.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), kid), departmentCode)
                    .update();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an ES256 key", e);
        }
    }

    private Optional<String[]> active(String departmentCode, boolean lock) {
        return jdbc.sql("SELECT key_id, private_jwk FROM vc_key WHERE active_for = ?" + (lock ? " FOR UPDATE" : "")).param(departmentCode)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored JWK does not parse", e);
        }
    }
}
