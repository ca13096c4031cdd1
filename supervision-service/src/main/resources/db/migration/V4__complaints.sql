-- 投诉 / 曝光纠错: anonymous submissions routed to a department with a response deadline that the card scan watches.
-- No complainant data is taken (anonymous); content is shown to the department only, public_reply to everyone.
CREATE TABLE complaint (
  seq               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  complaint_number  VARCHAR(40)   NOT NULL,
  category          VARCHAR(20)   NOT NULL,
  region_code       VARCHAR(12)   NOT NULL,
  department_code   VARCHAR(18)   NOT NULL,
  item_code         VARCHAR(64)   NULL,
  case_number       VARCHAR(40)   NULL,
  content           VARCHAR(2000) NOT NULL,
  received_at       DATETIME(3)   NOT NULL,
  response_due      DATE          NOT NULL,
  status            VARCHAR(10)   NOT NULL,
  public_reply      VARCHAR(2000) NULL,
  responded_at      DATETIME(3)   NULL,
  idempotency_key   VARCHAR(100)  NULL,
  UNIQUE KEY uk_complaint_number (complaint_number),
  UNIQUE KEY uk_complaint_idempotency (idempotency_key),
  KEY ix_complaint_open_due (status, response_due),
  KEY ix_complaint_department (department_code, seq),
  KEY ix_complaint_region (region_code, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
