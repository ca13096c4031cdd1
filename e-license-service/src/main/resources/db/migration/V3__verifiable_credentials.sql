-- W3C VC 2.0 export: one ES256 (P-256) key per department for JOSE, sealed like the SM2 keys.
CREATE TABLE vc_key (
  key_id          VARCHAR(40)  NOT NULL PRIMARY KEY,
  department_code CHAR(18)     NOT NULL,
  public_jwk      VARCHAR(1000) NOT NULL,
  private_jwk     VARCHAR(1000) NOT NULL,
  active_for      CHAR(18)     NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_vc_key_active (active_for)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A licence's position in its issuer's Bitstring Status Lists, given when it is first exported as a credential.
ALTER TABLE licence ADD COLUMN status_index INT NULL, ADD UNIQUE KEY uk_licence_status_index (issuer_code, status_index);
