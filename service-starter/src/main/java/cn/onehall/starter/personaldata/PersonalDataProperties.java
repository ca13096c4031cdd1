package cn.onehall.starter.personaldata;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for personal data (ID numbers, phone numbers), from configuration or a Secret, never from the repository.
 *
 * @param keys      key id → base64 AES-256 key; old keys stay listed so old ciphertext can still be read
 * @param activeKey the key id new values are encrypted with (rotation: add a key, make it active, re-encrypt at leisure)
 * @param indexKey  base64 HMAC key of the blind index; changing it means rebuilding every index column
 */
@ConfigurationProperties("onehall.personal-data")
public record PersonalDataProperties(Map<String, String> keys, String activeKey, String indexKey) {
}
