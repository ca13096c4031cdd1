-- 情景式导航: question trees maintained by catalogue administrators that lead a person to the right items.
CREATE TABLE nav_scenario (
  code        VARCHAR(40)  NOT NULL PRIMARY KEY,
  region_code VARCHAR(12)  NOT NULL,
  title       VARCHAR(50)  NOT NULL,
  position    INT          NOT NULL,
  content     MEDIUMTEXT   NOT NULL,
  version     INT          NOT NULL DEFAULT 0,
  updated_by  VARCHAR(100) NOT NULL,
  updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY ix_nav_scenario_region (region_code, position),
  CONSTRAINT fk_nav_scenario_region FOREIGN KEY (region_code) REFERENCES region (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
