package cn.onehall.starter.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PersonalDataTest {

    static final String ID = "440781198803140029";
    static final String K1 = key(32);
    static final String K2 = key(32);
    static final String INDEX = key(32);

    static String key(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    static PersonalDataCipher cipher(String active, Map<String, String> keys) {
        return new PersonalDataCipher(new PersonalDataProperties(keys, active, INDEX));
    }

    @Test
    void encryptsWithTheActiveKeyAndNamesIt() {
        PersonalDataCipher cipher = cipher("k1", Map.of("k1", K1));
        String stored = cipher.encrypt(ID, "person.id_number");
        assertThat(stored).startsWith("v1.k1.").doesNotContain(ID);
        assertThat(cipher.encrypt(ID, "person.id_number")).as("random IV: equal values do not look equal").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored, "person.id_number")).isEqualTo(ID);
    }

    @Test
    void oldKeysStillDecryptAfterRotation() {
        String old = cipher("k1", Map.of("k1", K1)).encrypt(ID, "person.id_number");
        PersonalDataCipher rotated = cipher("k2", Map.of("k1", K1, "k2", K2));
        assertThat(rotated.decrypt(old, "person.id_number")).isEqualTo(ID);
        assertThat(rotated.needsReencryption(old)).isTrue();
        assertThat(rotated.needsReencryption(rotated.encrypt(ID, "person.id_number"))).isFalse();
    }

    @Test
    void aValueMovedToAnotherPurposeOrTamperedDoesNotDecrypt() {
        PersonalDataCipher cipher = cipher("k1", Map.of("k1", K1));
        String stored = cipher.encrypt(ID, "person.id_number");
        assertThatThrownBy(() -> cipher.decrypt(stored, "person.phone")).isInstanceOf(IllegalArgumentException.class);
        char last = stored.charAt(stored.length() - 2);
        String tampered = stored.substring(0, stored.length() - 2) + (last == 'A' ? 'B' : 'A') + stored.charAt(stored.length() - 1);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "person.id_number")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1.unknown.AAAA", "person.id_number")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badKeyConfigurationFailsAtStart() {
        assertThatThrownBy(() -> cipher("k1", Map.of("k1", key(16)))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher("k9", Map.of("k1", K1))).hasMessageContaining("not among the keys");
        assertThatThrownBy(() -> cipher("k1", Map.of())).hasMessageContaining("must be configured");
    }

    @Test
    void blindIndexIsStableNormalisedAndPurposeBound() {
        BlindIndex index = new BlindIndex(new PersonalDataProperties(Map.of(), null, INDEX));
        String a = index.of(ID, "person.id_number");
        assertThat(a).hasSize(64).doesNotContain(ID);
        assertThat(index.of(" 440781198803140029 ", "person.id_number")).isEqualTo(a);
        assertThat(index.of("11010519491231002x", "person.id_number")).isEqualTo(index.of("11010519491231002X", "person.id_number"));
        assertThat(index.of(ID, "person.phone")).isNotEqualTo(a);
        assertThat(new BlindIndex(new PersonalDataProperties(Map.of(), null, key(32))).of(ID, "person.id_number")).isNotEqualTo(a);
    }

    @Test
    void masking() {
        assertThat(Masking.idNumber(ID)).isEqualTo("440781********0029");
        assertThat(Masking.phone("13800138000")).isEqualTo("138****8000");
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.phone("123")).isEqualTo("***");
        assertThat(Masking.idNumber(null)).isNull();
    }

    @Test
    void servicesWithoutKeysStartWithoutTheBeans() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PersonalDataAutoConfiguration.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(PersonalDataCipher.class));
        runner.withPropertyValues("onehall.personal-data.active-key=k1", "onehall.personal-data.keys.k1=" + K1,
                        "onehall.personal-data.index-key=" + INDEX)
                .run(context -> assertThat(context).hasSingleBean(PersonalDataCipher.class).hasSingleBean(BlindIndex.class));
    }
}
