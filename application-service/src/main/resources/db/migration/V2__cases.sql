-- 办件 cases: one row per application from draft to completion, with what it was filed against copied from the guide.
CREATE TABLE application_case (
  id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
  case_number           VARCHAR(32)  NULL,
  query_code            VARCHAR(16)  NULL,
  item_code             VARCHAR(64)  NOT NULL,
  item_version          INT          NOT NULL,
  item_name             VARCHAR(200) NOT NULL,
  bundle_code           VARCHAR(64)  NULL,
  region_code           VARCHAR(12)  NOT NULL,
  department_code       CHAR(18)     NOT NULL,
  department_name       VARCHAR(200) NULL,
  power_type            VARCHAR(32)  NULL,
  online_depth          INT          NULL,
  item_visits           INT          NULL,
  pre_review            BOOLEAN      NOT NULL DEFAULT FALSE,
  promised_value        INT          NULL,
  promised_unit         VARCHAR(16)  NULL,
  guide_fee             DECIMAL(12, 2) NULL,
  issues_licence_type   VARCHAR(32)  NULL,
  channel               VARCHAR(16)  NOT NULL,
  status                VARCHAR(24)  NOT NULL,
  status_before         VARCHAR(24)  NULL,
  holder_type           VARCHAR(16)  NOT NULL,
  holder_ref            VARCHAR(18)  NOT NULL,
  agent_ref             VARCHAR(18)  NULL,
  applicant_name        VARCHAR(100) NULL,
  contact_phone         VARCHAR(20)  NULL,
  created_by            VARCHAR(64)  NOT NULL,
  form_json             TEXT         NULL,
  submission_key        VARCHAR(100) NULL,
  external_client       VARCHAR(64)  NULL,
  external_id           VARCHAR(64)  NULL,
  submitted_at          TIMESTAMP(3) NULL,
  accepted_at           TIMESTAMP(3) NULL,
  accepted_on           DATE         NULL,
  decided_at            TIMESTAMP(3) NULL,
  completed_at          TIMESTAMP(3) NULL,
  due_date              DATE         NULL,
  suspended_days        INT          NOT NULL DEFAULT 0,
  suspended_on          DATE         NULL,
  suspension_kind       VARCHAR(24)  NULL,
  extension_days        INT          NOT NULL DEFAULT 0,
  visits                INT          NOT NULL DEFAULT 0,
  correction_notices    INT          NOT NULL DEFAULT 0,
  fee_charged           DECIMAL(12, 2) NULL,
  missing_required      BOOLEAN      NOT NULL DEFAULT FALSE,
  decision_reason       TEXT         NULL,
  delivery_method       VARCHAR(16)  NULL,
  tracking_number       VARCHAR(64)  NULL,
  licence_id            VARCHAR(100) NULL,
  licence_identifier    VARCHAR(200) NULL,
  version               INT          NOT NULL DEFAULT 0,
  created_at            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_case_number (case_number),
  UNIQUE KEY uk_external (external_client, external_id),
  KEY ix_holder (holder_ref, id),
  KEY ix_region_status (region_code, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Case numbers: AUTO_INCREMENT hands out unique values to concurrent submissions without a lock held to commit;
-- a rolled-back submission leaves a gap, which is allowed (gap-tolerant, never reused).
CREATE TABLE case_number_sequence (
  value     BIGINT AUTO_INCREMENT PRIMARY KEY,
  issued_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB;

-- Which departments see a case, with the case's status and due date copied so the worklist is one index range.
CREATE TABLE case_routing (
  case_id         BIGINT      NOT NULL,
  department_code CHAR(18)    NOT NULL,
  case_status     VARCHAR(24) NOT NULL,
  sort_due        DATE        NOT NULL,
  PRIMARY KEY (case_id, department_code),
  KEY ix_worklist (department_code, case_status, sort_due, case_id)
) ENGINE=InnoDB;

CREATE TABLE case_material (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  case_id         BIGINT       NOT NULL,
  material_code   VARCHAR(64)  NOT NULL,
  source          VARCHAR(16)  NOT NULL,
  file_name       VARCHAR(200) NULL,
  media_type      VARCHAR(100) NULL,
  size_bytes      BIGINT       NULL,
  sha256          CHAR(64)     NULL,
  storage_key     VARCHAR(200) NULL,
  licence_id      VARCHAR(100) NULL,
  licence_type    VARCHAR(32)  NULL,
  licence_name    VARCHAR(200) NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_case (case_id, material_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every status change and act on a case, in order: the timeline applicants and officers read.
CREATE TABLE case_timeline (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  case_id     BIGINT       NOT NULL,
  occurred_at TIMESTAMP(3) NOT NULL,
  action      VARCHAR(40)  NOT NULL,
  status      VARCHAR(24)  NOT NULL,
  actor_role  VARCHAR(32)  NULL,
  department_code CHAR(18) NULL,
  note        TEXT         NULL,
  KEY ix_case (case_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 一次性告知: one notice lists every correction; a second notice on a case needs a reason.
CREATE TABLE correction_notice (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  case_id      BIGINT       NOT NULL,
  seq          INT          NOT NULL,
  items_json   TEXT         NOT NULL,
  reason       TEXT         NULL,
  issued_by    VARCHAR(64)  NOT NULL,
  issued_at    TIMESTAMP(3) NOT NULL,
  resolved_at  TIMESTAMP(3) NULL,
  UNIQUE KEY uk_case_seq (case_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 并联审批: one sub-task per approving department.
CREATE TABLE case_subtask (
  case_id         BIGINT       NOT NULL,
  department_code CHAR(18)     NOT NULL,
  outcome         VARCHAR(16)  NULL,
  reason          TEXT         NULL,
  decided_by      VARCHAR(64)  NULL,
  decided_at      TIMESTAMP(3) NULL,
  PRIMARY KEY (case_id, department_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE case_suspension (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  case_id     BIGINT       NOT NULL,
  kind        VARCHAR(24)  NOT NULL,
  reason      TEXT         NOT NULL,
  started_on  DATE         NOT NULL,
  ended_on    DATE         NULL,
  days        INT          NULL,
  KEY ix_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 延期: asked by an officer, approved by a dept-admin of the same department.
CREATE TABLE case_extension (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  case_id      BIGINT       NOT NULL,
  days         INT          NOT NULL,
  reason       TEXT         NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  requested_by VARCHAR(64)  NOT NULL,
  decided_by   VARCHAR(64)  NULL,
  requested_at TIMESTAMP(3) NOT NULL,
  decided_at   TIMESTAMP(3) NULL,
  KEY ix_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 好差评: once per completed case; the two lowest levels open a rectification with a deadline.
CREATE TABLE case_evaluation (
  case_id            BIGINT       NOT NULL PRIMARY KEY,
  level              VARCHAR(24)  NOT NULL,
  comment            VARCHAR(500) NULL,
  rectification_due  DATE         NULL,
  evaluated_at       TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
