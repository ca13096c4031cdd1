package cn.onehall.license.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class Sm2Test {

    private static final byte[] MESSAGE = "{\"identifier\":\"1.2.156.3005.2.x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsDerAndVerifiesWithThePublishedPublicKey() {
        Sm2.KeyPair pair = Sm2.generate();
        byte[] signature = Sm2.sign(pair.privateKey(), MESSAGE);
        assertThat(ASN1Sequence.getInstance(signature).size()).isEqualTo(2); // DER SEQUENCE {r, s}
        assertThat(SubjectPublicKeyInfo.getInstance(pair.publicKeyDer()).getAlgorithm().getParameters().toString())
                .isEqualTo("1.2.156.10197.1.301"); // sm2p256v1
        assertThat(Sm2.verify(pair.publicKeyDer(), MESSAGE, signature)).isTrue();
    }

    @Test
    void anyChangedByteOrAnotherKeyFails() {
        Sm2.KeyPair pair = Sm2.generate();
        byte[] signature = Sm2.sign(pair.privateKey(), MESSAGE);
        for (int i = 0; i < MESSAGE.length; i++) {
            byte[] m = MESSAGE.clone();
            m[i] ^= 0x01;
            assertThat(Sm2.verify(pair.publicKeyDer(), m, signature)).isFalse();
        }
        for (int i = 0; i < signature.length; i++) {
            byte[] s = signature.clone();
            s[i] ^= 0x01;
            assertThat(Sm2.verify(pair.publicKeyDer(), MESSAGE, s)).isFalse();
        }
        assertThat(Sm2.verify(Sm2.generate().publicKeyDer(), MESSAGE, signature)).isFalse();
        assertThat(Sm2.verify(new byte[] {1, 2, 3}, MESSAGE, signature)).isFalse();
        assertThat(Sm2.verify(pair.publicKeyDer(), MESSAGE, new byte[0])).isFalse();
    }

    @Test
    void sealedPrivateKeysOpenOnlyWithTheirKeyIdAndKek() {
        KeyVault vault = new KeyVault(Base64.getEncoder().encodeToString(new byte[32]));
        byte[] key = Sm2.generate().privateKey();
        String sealed = vault.seal(key, "k1");
        assertThat(vault.open(sealed, "k1")).isEqualTo(key);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.open(sealed, "k2")).isInstanceOf(IllegalStateException.class);
        KeyVault other = new KeyVault(Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.open(sealed, "k1")).isInstanceOf(IllegalStateException.class);
    }
}
