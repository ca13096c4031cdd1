package cn.onehall.license.licence;

/** VALID ⇄ SUSPENDED; VALID/SUSPENDED → REVOKED (final), EXPIRED (schedule) or SUPERSEDED (re-issued as a new version). */
public enum LicenceStatus {
    VALID, SUSPENDED, REVOKED, EXPIRED, SUPERSEDED
}
