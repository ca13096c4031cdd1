package cn.onehall.license.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * SM2 signatures with SM3 (GB/T 32918, GB/T 32905) on the sm2p256v1 curve: the one place the algorithm lives.
 * The signer id (the "user id" hashed into Z_A) is explicit, never the library's default, and signatures are DER
 * {@code SEQUENCE {r, s}}; public keys travel as X.509 SubjectPublicKeyInfo DER.
 */
public final class Sm2 {

    /** GM/T 0009-2012's default user id, written out so every verifier uses the same one. */
    public static final String SIGNER_ID = "1234567812345678";
    public static final String ALGORITHM = "SM2-SM3";
    public static final String CURVE = "sm2p256v1";

    private static final byte[] ID = SIGNER_ID.getBytes(StandardCharsets.US_ASCII);
    private static final X9ECParameters X9 = GMNamedCurves.getByName(CURVE);
    private static final ECNamedDomainParameters DOMAIN = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, X9);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm2() {
    }

    public record KeyPair(byte[] privateKey, byte[] publicKeyDer) {
    }

    public static KeyPair generate() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        ECPrivateKeyParameters priv = (ECPrivateKeyParameters) pair.getPrivate();
        return new KeyPair(toFixed32(priv.getD()), publicKeyDer((ECPublicKeyParameters) pair.getPublic()));
    }

    public static byte[] sign(byte[] privateKey, byte[] message) {
        SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
        ECPrivateKeyParameters key = new ECPrivateKeyParameters(new BigInteger(1, privateKey), DOMAIN);
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, RANDOM), ID));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** False for any malformed key or signature, never an exception: a verifier must not be crashable by input. */
    public static boolean verify(byte[] publicKeyDer, byte[] message, byte[] signature) {
        try {
            ECPublicKeyParameters key = (ECPublicKeyParameters) PublicKeyFactory.createKey(publicKeyDer);
            SM2Signer signer = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
            signer.init(false, new ParametersWithID(key, ID));
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] publicKeyDer(ECPublicKeyParameters key) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] toFixed32(BigInteger d) {
        byte[] raw = d.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
