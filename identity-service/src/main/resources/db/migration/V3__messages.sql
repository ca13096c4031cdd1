-- In-app messages (站内消息), filled from other services' events. A message goes to a holder (by the blind index of
-- the ID number or credit code, so the table holds no personal data in clear) or to a department's officers.
CREATE TABLE message (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  recipient_kind VARCHAR(12)  NOT NULL,
  recipient_key  CHAR(64)     NOT NULL,
  category       VARCHAR(60)  NOT NULL,
  title          VARCHAR(200) NOT NULL,
  body           VARCHAR(1000) NOT NULL,
  subject        VARCHAR(100) NULL,
  event_id       CHAR(36)     NOT NULL,
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_message_event (recipient_kind, recipient_key, event_id),
  KEY ix_message_recipient (recipient_kind, recipient_key, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Read state per user: several people see one holder's or department's messages (an enterprise's agents, officers).
CREATE TABLE message_read (
  message_id   BIGINT       NOT NULL,
  user_subject CHAR(36)     NOT NULL,
  read_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (message_id, user_subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which holder a case belongs to, remembered from case events, so a licence issued for a case reaches its holder.
CREATE TABLE case_holder (
  case_number  VARCHAR(100) NOT NULL PRIMARY KEY,
  holder_key   CHAR(64)     NOT NULL,
  item_code    VARCHAR(100) NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Items a holder follows (我的订阅), by the blind index of the holder.
CREATE TABLE subscription (
  subscriber_key CHAR(64)     NOT NULL,
  item_code      VARCHAR(64)  NOT NULL,
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (subscriber_key, item_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
