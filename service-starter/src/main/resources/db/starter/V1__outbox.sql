-- Transactional outbox: written in the same transaction as the change it announces.
CREATE TABLE outbox_event (
  seq          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  id           CHAR(36)     NOT NULL,
  type         VARCHAR(100) NOT NULL,
  subject      VARCHAR(100) NULL,
  occurred_at  TIMESTAMP(3) NOT NULL,
  payload      JSON         NOT NULL,
  traceparent  VARCHAR(64)  NULL,
  published_at TIMESTAMP(3) NULL,
  UNIQUE KEY uk_outbox_event_id (id),
  KEY ix_outbox_unpublished (published_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotent consumers: an event id is processed once, in the same transaction as its effect.
CREATE TABLE processed_event (
  consumer     VARCHAR(100) NOT NULL,
  event_id     CHAR(36)     NOT NULL,
  processed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (consumer, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ShedLock: one replica at a time runs a scheduled job.
CREATE TABLE shedlock (
  name       VARCHAR(64)  NOT NULL PRIMARY KEY,
  lock_until TIMESTAMP(3) NOT NULL,
  locked_at  TIMESTAMP(3) NOT NULL,
  locked_by  VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
