package cn.onehall.starter.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest with AES-256-GCM. The stored form {@code v1.<keyId>.<base64(iv | ciphertext+tag)>}
 * names its key, so keys can rotate without a migration window; the column name is bound as associated data, so
 * a value copied into another column does not decrypt.
 */
public class PersonalDataCipher {

    private static final String FORMAT = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(PersonalDataProperties properties) {
        if (properties.keys() == null || properties.keys().isEmpty() || properties.activeKey() == null) {
            throw new IllegalStateException("onehall.personal-data.keys and active-key must be configured");
        }
        properties.keys().forEach((id, base64) -> {
            if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalStateException("personal-data key id '" + id + "' must be 1-32 letters, digits, '-' or '_'");
            }
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 32) {
                throw new IllegalStateException("personal-data key '" + id + "' must be 32 bytes (AES-256), is " + key.length);
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!keys.containsKey(properties.activeKey())) {
            throw new IllegalStateException("active personal-data key '" + properties.activeKey() + "' is not among the keys");
        }
        this.activeKey = properties.activeKey();
    }

    /** @param purpose what the value is, e.g. "person.id_number": bound to the ciphertext */
    public String encrypt(String plain, String purpose) {
        if (plain == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return FORMAT + "." + activeKey + "." + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt personal data", e);
        }
    }

    public String decrypt(String stored, String purpose) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0]) || !keys.containsKey(parts[1])) {
            throw new IllegalArgumentException("not a personal-data ciphertext of a known key");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("personal data does not decrypt (tampered, or stored for another purpose)", e);
        }
    }

    /** True when the value was sealed with an older key and should be re-encrypted. */
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith(FORMAT + "." + activeKey + ".");
    }
}
