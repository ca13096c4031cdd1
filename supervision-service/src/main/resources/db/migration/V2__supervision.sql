-- The supervision view of every case, rebuilt from application-service's case events (one row per case).
-- Times are UTC DATETIME(3); last_occurred_ms orders the events of one case so an older event never regresses the view.
CREATE TABLE case_view (
  case_number             VARCHAR(40)   NOT NULL PRIMARY KEY,
  item_code               VARCHAR(64)   NOT NULL,
  item_version            INT           NULL,
  bundle_code             VARCHAR(64)   NULL,
  region_code             VARCHAR(12)   NOT NULL,
  department_code         VARCHAR(18)   NOT NULL,
  power_type              VARCHAR(20)   NULL,
  online_depth            TINYINT       NULL,
  item_visits             TINYINT       NULL,
  channel                 VARCHAR(20)   NULL,
  status                  VARCHAR(30)   NOT NULL,
  last_type               VARCHAR(100)  NOT NULL,
  last_occurred_ms        BIGINT        NOT NULL,
  submitted_at            DATETIME(3)   NULL,
  accepted_at             DATETIME(3)   NULL,
  decided_at              DATETIME(3)   NULL,
  completed_at            DATETIME(3)   NULL,
  suspended_since         DATE          NULL,
  promised_value          INT           NULL,
  promised_unit           VARCHAR(20)   NULL,
  due_date                DATE          NULL,
  suspended_days          INT           NOT NULL DEFAULT 0,
  visits                  INT           NOT NULL DEFAULT 0,
  correction_notices      INT           NOT NULL DEFAULT 0,
  fee_charged             DECIMAL(12,2) NULL,
  guide_fee               DECIMAL(12,2) NULL,
  missing_required        BOOLEAN       NOT NULL DEFAULT FALSE,
  issues_licence_type     VARCHAR(32)   NULL,
  evaluation_level        VARCHAR(30)   NULL,
  evaluated_ms            BIGINT        NULL,
  bad_review_at           DATETIME(3)   NULL,
  rectification_due       DATE          NULL,
  rectified_at            DATETIME(3)   NULL,
  -- the card scan re-evaluates a case when it changed (dirty) or when the day comes that may change its cards
  dirty                   BOOLEAN       NOT NULL DEFAULT TRUE,
  next_check_on           DATE          NULL,
  KEY ix_case_view_dirty (dirty),
  KEY ix_case_view_next_check (next_check_on),
  KEY ix_case_view_region (region_code, case_number),
  KEY ix_case_view_department (department_code, case_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Monthly counters per region, department, item and month, kept by the consumer in the event's transaction
-- (delta of the case's contribution before and after the event). Measures sum a few of these rows.
CREATE TABLE case_month (
  region_code             VARCHAR(12)   NOT NULL,
  department_code         VARCHAR(18)   NOT NULL,
  item_code               VARCHAR(64)   NOT NULL,
  month                   CHAR(7)       NOT NULL,
  cases                   BIGINT        NOT NULL DEFAULT 0,
  licensing_cases         BIGINT        NOT NULL DEFAULT 0,
  licensing_online        BIGINT        NOT NULL DEFAULT 0,
  licensing_completed     BIGINT        NOT NULL DEFAULT 0,
  licensing_online_completed BIGINT     NOT NULL DEFAULT 0,
  online_cases            BIGINT        NOT NULL DEFAULT 0,
  online_visits_le1       BIGINT        NOT NULL DEFAULT 0,
  online_visits_0         BIGINT        NOT NULL DEFAULT 0,
  correction_notices      BIGINT        NOT NULL DEFAULT 0,
  decided                 BIGINT        NOT NULL DEFAULT 0,
  decided_on_time         BIGINT        NOT NULL DEFAULT 0,
  decided_overdue         BIGINT        NOT NULL DEFAULT 0,
  timed_decisions         BIGINT        NOT NULL DEFAULT 0,
  decision_working_days   BIGINT        NOT NULL DEFAULT 0,
  evaluations             BIGINT        NOT NULL DEFAULT 0,
  satisfied               BIGINT        NOT NULL DEFAULT 0,
  bad_reviews             BIGINT        NOT NULL DEFAULT 0,
  bad_rectified           BIGINT        NOT NULL DEFAULT 0,
  online_depth_sum        BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (month, region_code, department_code, item_code),
  KEY ix_case_month_department (department_code, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Items as last seen on their cases (online depth, visits, power type): the item-based measures count these.
CREATE TABLE item_view (
  item_code               VARCHAR(64)   NOT NULL PRIMARY KEY,
  region_code             VARCHAR(12)   NOT NULL,
  department_code         VARCHAR(18)   NOT NULL,
  power_type              VARCHAR(20)   NULL,
  online_depth            TINYINT       NULL,
  item_visits             TINYINT       NULL,
  issues_licence_type     VARCHAR(32)   NULL,
  seen_ms                 BIGINT        NOT NULL,
  KEY ix_item_view_region (region_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Licence types a department's items should issue, and whether one was issued electronically with a case.
CREATE TABLE licence_type_view (
  type_code               VARCHAR(32)   NOT NULL PRIMARY KEY,
  region_code             VARCHAR(12)   NOT NULL,
  department_code         VARCHAR(18)   NOT NULL,
  expected                BOOLEAN       NOT NULL DEFAULT FALSE,
  issued_with_case        BOOLEAN       NOT NULL DEFAULT FALSE,
  KEY ix_licence_type_region (region_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Distinct users of the personal and enterprise pages per month (visitor_key is a blind index, never a person).
CREATE TABLE page_visitor (
  page_type               VARCHAR(10)   NOT NULL,
  region_code             VARCHAR(12)   NOT NULL,
  month                   CHAR(7)       NOT NULL,
  visitor_key             VARCHAR(100)  NOT NULL,
  PRIMARY KEY (page_type, month, region_code, visitor_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE page_month (
  page_type               VARCHAR(10)   NOT NULL,
  region_code             VARCHAR(12)   NOT NULL,
  month                   CHAR(7)       NOT NULL,
  visitors                BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (page_type, month, region_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Targets are data per region and period: the most specific region (itself, then ancestors) and the latest
-- valid_from not after the period applies.
CREATE TABLE measure_target (
  region_code             VARCHAR(12)   NOT NULL,
  measure                 VARCHAR(40)   NOT NULL,
  valid_from              CHAR(7)       NOT NULL,
  target                  DECIMAL(9,4)  NOT NULL,
  comparison              VARCHAR(2)    NOT NULL DEFAULT 'GE',
  source                  VARCHAR(200)  NULL,
  PRIMARY KEY (region_code, measure, valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Denominators that come from outside (enterprises from the market regulator, resident persons), per region and period.
CREATE TABLE region_denominator (
  region_code             VARCHAR(12)   NOT NULL,
  valid_from              CHAR(7)       NOT NULL,
  enterprises             BIGINT        NULL,
  persons                 BIGINT        NULL,
  source                  VARCHAR(200)  NULL,
  PRIMARY KEY (region_code, valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Card thresholds per region (most specific region wins; the row for '000000' is the hall's default).
CREATE TABLE card_threshold (
  region_code             VARCHAR(12)   NOT NULL PRIMARY KEY,
  yellow_used_ratio       DECIMAL(4,3)  NOT NULL,
  yellow_days_left        INT           NOT NULL,
  acceptance_working_days INT           NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO card_threshold VALUES ('000000', 0.800, 1, 5);

-- Yellow and red cards. active_key is case number + rule while the card is active and NULL once cleared, so a case
-- holds at most one active card per rule whatever races between scans.
CREATE TABLE card (
  seq                     BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  card_id                 CHAR(36)      NOT NULL,
  case_number             VARCHAR(40)   NOT NULL,
  rule                    VARCHAR(40)   NOT NULL,
  colour                  VARCHAR(10)   NOT NULL,
  kind                    VARCHAR(10)   NOT NULL,
  region_code             VARCHAR(12)   NOT NULL,
  department_code         VARCHAR(18)   NOT NULL,
  item_code               VARCHAR(64)   NULL,
  raised_at               DATETIME(3)   NOT NULL,
  cleared_at              DATETIME(3)   NULL,
  active_key              VARCHAR(90)   NULL,
  UNIQUE KEY uk_card_id (card_id),
  UNIQUE KEY uk_card_active (active_key),
  KEY ix_card_case (case_number),
  KEY ix_card_region (region_code, seq),
  KEY ix_card_department (department_code, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Taishan's defaults: seed 000 annex 2 (台山市网上办事大厅建设2017年指标任务).
INSERT INTO measure_target (region_code, measure, valid_from, target, comparison, source) VALUES
 ('440781', 'FULL_ONLINE_RATE',          '2017-01', 0.70, 'GE', 'seed 000 annex 2 item 1'),
 ('440781', 'ONLINE_APPLICATION_RATE',   '2017-01', 0.70, 'GE', 'seed 000 annex 2 item 2'),
 ('440781', 'ONLINE_COMPLETION_RATE',    '2017-01', 0.65, 'GE', 'seed 000 annex 2 item 3'),
 ('440781', 'AT_MOST_ONE_VISIT_RATE',    '2017-01', 0.72, 'GE', 'seed 000 annex 2 item 4'),
 ('440781', 'ZERO_VISIT_RATE',           '2017-01', 0.12, 'GE', 'seed 000 annex 2 item 5'),
 ('440781', 'ENTERPRISE_PAGE_USE_RATE',  '2017-01', 0.15, 'GE', 'seed 000 annex 2 item 6'),
 ('440781', 'PERSONAL_PAGE_USE_RATE',    '2017-01', 0.10, 'GE', 'seed 000 annex 2 item 7');
