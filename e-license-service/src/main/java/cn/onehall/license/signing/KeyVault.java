package cn.onehall.license.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Seals signing private keys with the key-encryption key (AES-256-GCM); the key id is bound as associated data. */
final class KeyVault {

    private static final int IV = 12;
    private final SecretKeySpec kek;
    private final SecureRandom random = new SecureRandom();

    KeyVault(String base64Kek) {
        if (base64Kek == null || base64Kek.isBlank()) {
            throw new IllegalStateException("onehall.license.key-encryption-key must be configured");
        }
        byte[] raw = Base64.getDecoder().decode(base64Kek);
        if (raw.length != 32) {
            throw new IllegalStateException("the key-encryption key must be 32 bytes (AES-256), is " + raw.length);
        }
        this.kek = new SecretKeySpec(raw, "AES");
    }

    String seal(byte[] privateKey, String keyId) {
        byte[] iv = new byte[IV];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, iv));
            c.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(privateKey);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal signing key", e);
        }
    }

    byte[] open(String sealed, String keyId) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, in, 0, IV));
            c.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(in, IV, in.length - IV);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + keyId + " does not open with the configured key-encryption key", e);
        }
    }
}
