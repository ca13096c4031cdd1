package cn.onehall.application.intake;

import java.io.InputStream;

/** Where uploaded materials live: one interface, so an object store can replace the filesystem without touching intake. */
public interface MaterialStorage {

    /** @param sha256 hex digest, computed while the upload was read */
    record Stored(String key, long sizeBytes, String sha256) {
    }

    /**
     * Stores at most {@code maxBytes}; more is a {@link TooLarge} and nothing is kept.
     */
    Stored store(InputStream content, long maxBytes);

    InputStream open(String key);

    void delete(String key);

    class TooLarge extends RuntimeException {
        public TooLarge(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }
}
