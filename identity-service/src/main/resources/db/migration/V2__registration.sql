-- One-time verification codes: only a keyed hash of the code is kept, the phone only as its blind index.
CREATE TABLE verification_code (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  phone_index  CHAR(64)     NOT NULL,
  purpose      VARCHAR(20)  NOT NULL,
  code_hash    CHAR(64)     NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at   TIMESTAMP(3) NOT NULL,
  attempts     INT          NOT NULL DEFAULT 0,
  consumed_at  TIMESTAMP(3) NULL,
  KEY ix_verification_code_phone (phone_index, purpose, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The default code sender: messages wait here (encrypted) for the in-app inbox, a delivery worker or a test to read.
CREATE TABLE code_outbox (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel         VARCHAR(10)  NOT NULL,
  recipient_index CHAR(64)     NOT NULL,
  recipient_enc   VARCHAR(255) NOT NULL,
  body_enc        VARCHAR(1000) NOT NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_code_outbox_recipient (recipient_index, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Natural persons registered through OneHall. No password: Keycloak holds the credential.
CREATE TABLE person (
  id                CHAR(36)     NOT NULL PRIMARY KEY,
  keycloak_user_id  CHAR(36)     NULL,
  name              VARCHAR(50)  NOT NULL,
  id_number_enc     VARCHAR(255) NOT NULL,
  id_number_index   CHAR(64)     NOT NULL,
  phone_enc         VARCHAR(255) NOT NULL,
  phone_index       CHAR(64)     NOT NULL,
  region_code       CHAR(6)      NOT NULL,
  real_name_level   CHAR(2)      NOT NULL DEFAULT 'L1',
  level_changed_at  TIMESTAMP(3) NULL,
  level_changed_by  VARCHAR(100) NULL,
  created_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_person_id_number (id_number_index),
  UNIQUE KEY uk_person_keycloak (keycloak_user_id),
  KEY ix_person_phone (phone_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Enterprises (legal persons). The credit code is public register data; the legal representative's ID number is not.
CREATE TABLE enterprise (
  id                   CHAR(36)     NOT NULL PRIMARY KEY,
  keycloak_user_id     CHAR(36)     NULL,
  name                 VARCHAR(100) NOT NULL,
  credit_code          CHAR(18)     NOT NULL,
  legal_rep_id_enc     VARCHAR(255) NOT NULL,
  legal_rep_id_index   CHAR(64)     NOT NULL,
  phone_enc            VARCHAR(255) NOT NULL,
  phone_index          CHAR(64)     NOT NULL,
  region_code          CHAR(6)      NOT NULL,
  created_at           TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_enterprise_credit_code (credit_code),
  UNIQUE KEY uk_enterprise_keycloak (keycloak_user_id),
  KEY ix_enterprise_legal_rep (legal_rep_id_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Creating POSTs with an Idempotency-Key answer a repeat with the first answer.
CREATE TABLE idempotent_request (
  idem_key      VARCHAR(100) NOT NULL,
  scope         VARCHAR(100) NOT NULL,
  fingerprint   CHAR(64)     NOT NULL,
  status        INT          NOT NULL,
  body          TEXT         NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (scope, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Enterprise agents (经办人): who may act for which enterprise, for what, until when.
CREATE TABLE agent_authorisation (
  id                CHAR(36)     NOT NULL PRIMARY KEY,
  credit_code       CHAR(18)     NOT NULL,
  enterprise_name   VARCHAR(100) NULL,
  agent_id_enc      VARCHAR(255) NOT NULL,
  agent_id_index    CHAR(64)     NOT NULL,
  all_items         BOOLEAN      NOT NULL,
  item_codes        JSON         NULL,
  valid_until       DATE         NOT NULL,
  granted_by        VARCHAR(100) NOT NULL,
  granted_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  revoked_at        TIMESTAMP(3) NULL,
  revoked_by        VARCHAR(100) NULL,
  KEY ix_agent_enterprise (credit_code, granted_at),
  KEY ix_agent_person (agent_id_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
