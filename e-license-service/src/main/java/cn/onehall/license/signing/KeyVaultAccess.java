package cn.onehall.license.signing;

/** Lets the credential package seal its keys with the same key-encryption key. */
public final class KeyVaultAccess {

    private final KeyVault vault;

    public KeyVaultAccess(String base64Kek) {
        this.vault = new KeyVault(base64Kek);
    }

    public String seal(byte[] secret, String keyId) {
        return vault.seal(secret, keyId);
    }

    public byte[] open(String sealed, String keyId) {
        return vault.open(sealed, keyId);
    }
}
