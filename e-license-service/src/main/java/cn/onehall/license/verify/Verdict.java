package cn.onehall.license.verify;

/** What a verifier is told. Only VALID means the licence may be relied on. */
public enum Verdict {
    VALID, NOT_YET_VALID, SUSPENDED, REVOKED, EXPIRED, SUPERSEDED, SIGNATURE_INVALID, UNKNOWN_KEY, UNKNOWN_LICENCE
}
