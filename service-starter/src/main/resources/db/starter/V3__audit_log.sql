-- Append-only, hash-chained audit log (see cn.onehall.starter.audit.AuditLog). Never UPDATE or DELETE rows:
-- verifyChain reports any change. details must never hold personal data (ID numbers, phones, names).
CREATE TABLE audit_log (
  seq              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  occurred_at      TIMESTAMP(3) NOT NULL,
  actor_subject    VARCHAR(100) NOT NULL,
  actor_username   VARCHAR(255) NULL,
  actor_client     VARCHAR(255) NULL,
  actor_roles      VARCHAR(1000) NULL,
  actor_region     VARCHAR(12)  NULL,
  actor_department VARCHAR(32)  NULL,
  action           VARCHAR(100) NOT NULL,
  resource_type    VARCHAR(100) NULL,
  resource_id      VARCHAR(100) NULL,
  outcome          VARCHAR(10)  NOT NULL,
  details          JSON         NULL,
  trace_id         VARCHAR(64)  NULL,
  prev_hash        CHAR(64)     NOT NULL,
  hash             CHAR(64)     NOT NULL,
  -- Two rows with one predecessor would be a fork: the database refuses it whatever the code does.
  UNIQUE KEY uk_audit_log_prev_hash (prev_hash),
  KEY ix_audit_log_resource (resource_type, resource_id, seq),
  KEY ix_audit_log_actor (actor_subject, seq),
  KEY ix_audit_log_occurred (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The chain's head, one row that always exists: appenders lock it FOR UPDATE, which serialises them at any
-- isolation level (locking the newest audit_log row would leave nothing to lock on an empty table, and would
-- rely on gap locks that READ COMMITTED does not take).
CREATE TABLE audit_chain_head (
  id        TINYINT  NOT NULL PRIMARY KEY,
  last_seq  BIGINT   NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, REPEAT('0', 64));
