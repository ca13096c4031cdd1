package cn.onehall.starter.personaldata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed HMAC-SHA256 of a normalised value, stored beside the ciphertext so "find the person with this ID number"
 * is an indexed equality look-up without decrypting anything. Without the key the index reveals nothing usable.
 */
public class BlindIndex {

    private final SecretKeySpec key;

    public BlindIndex(PersonalDataProperties properties) {
        if (properties.indexKey() == null) {
            throw new IllegalStateException("onehall.personal-data.index-key must be configured");
        }
        byte[] raw = Base64.getDecoder().decode(properties.indexKey());
        if (raw.length < 32) {
            throw new IllegalStateException("the blind-index key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** 64 hex characters; the purpose keeps equal values of different kinds from sharing an index value. */
    public String of(String value, String purpose) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(normalise(value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute blind index", e);
        }
    }

    static String normalise(String value) {
        return value.strip().replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
