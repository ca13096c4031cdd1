-- 工作日日历: the State Council's holiday arrangement per year, maintained as data (DOMAIN.md, 工作日).
-- A year row exists only when the whole year is known: a missing row means "no calendar", never "no holidays".
CREATE TABLE calendar_year (
  year       SMALLINT     NOT NULL PRIMARY KEY,
  source     VARCHAR(200) NULL,
  version    INT          NOT NULL DEFAULT 1,
  loaded_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_by VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the exceptions are stored; ordinary weekdays and weekends follow from the rule in WorkingDayCalendar.
CREATE TABLE calendar_day (
  day  DATE        NOT NULL PRIMARY KEY,
  year SMALLINT    NOT NULL,
  kind VARCHAR(24) NOT NULL,
  name VARCHAR(50) NOT NULL,
  CONSTRAINT ck_calendar_day_kind CHECK (kind IN ('DAY_OFF', 'MAKE_UP_WORKING_DAY')),
  CONSTRAINT fk_calendar_day_year FOREIGN KEY (year) REFERENCES calendar_year (year),
  KEY ix_calendar_day_year (year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
