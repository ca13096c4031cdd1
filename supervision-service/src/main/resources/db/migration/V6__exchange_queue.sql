-- 办件数据交换: the process record of every case event, queued per upstream hall in the event's transaction, sent in
-- order with retries and backoff. Nothing is lost while an upstream is down: rows wait here until it answers 2xx.
CREATE TABLE exchange_queue (
  seq              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  upstream         VARCHAR(50)   NOT NULL,
  event_id         CHAR(36)      NOT NULL,
  case_number      VARCHAR(40)   NOT NULL,
  payload          JSON          NOT NULL,
  created_at       TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_error       VARCHAR(500)  NULL,
  sent_at          TIMESTAMP(3)  NULL,
  UNIQUE KEY uk_exchange_event (upstream, event_id),
  KEY ix_exchange_pending (upstream, sent_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
