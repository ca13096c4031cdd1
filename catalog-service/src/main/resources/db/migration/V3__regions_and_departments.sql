-- 行政区划: GB/T 2260 codes as a tree (6 digits province/city/county, 9 town, 12 village).
CREATE TABLE region (
  code        VARCHAR(12)  NOT NULL PRIMARY KEY,
  name        VARCHAR(100) NOT NULL,
  level       VARCHAR(10)  NOT NULL,
  parent_code VARCHAR(12)  NULL,
  KEY ix_region_parent (parent_code),
  CONSTRAINT fk_region_parent FOREIGN KEY (parent_code) REFERENCES region (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 实施机构: the agency that handles items in a region, identified by its unified social credit code.
CREATE TABLE department (
  credit_code CHAR(18)     NOT NULL PRIMARY KEY,
  name        VARCHAR(100) NOT NULL,
  short_name  VARCHAR(50)  NULL,
  region_code VARCHAR(12)  NOT NULL,
  phone       VARCHAR(30)  NULL,
  address     VARCHAR(200) NULL,
  version     INT          NOT NULL DEFAULT 0,
  updated_by  VARCHAR(100) NOT NULL,
  updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_department_region_name (region_code, name),
  CONSTRAINT fk_department_region FOREIGN KEY (region_code) REFERENCES region (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
