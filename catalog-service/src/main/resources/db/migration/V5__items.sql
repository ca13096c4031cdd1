-- 基本目录事项: one basic code everywhere (同一事项、同一编码), with its power type and legal basis.
CREATE TABLE basic_item (
  code        CHAR(10)     NOT NULL PRIMARY KEY,
  name        VARCHAR(100) NOT NULL,
  power_type  VARCHAR(20)  NOT NULL,
  legal_basis TEXT         NOT NULL,
  created_by  VARCHAR(100) NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 实施清单事项: a basic item as implemented by one department in one region. Its guide lives in versions.
CREATE TABLE item (
  code            VARCHAR(41)  NOT NULL PRIMARY KEY,
  basic_code      CHAR(10)     NOT NULL,
  region_code     VARCHAR(12)  NOT NULL,
  department_code CHAR(18)     NOT NULL,
  last_version    INT          NOT NULL,
  revoked_at      TIMESTAMP(3) NULL,
  revoke_reason   VARCHAR(500) NULL,
  created_by      VARCHAR(100) NOT NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_item_basic_region_department (basic_code, region_code, department_code),
  KEY ix_item_region (region_code),
  CONSTRAINT fk_item_basic FOREIGN KEY (basic_code) REFERENCES basic_item (code),
  CONSTRAINT fk_item_region FOREIGN KEY (region_code) REFERENCES region (code),
  CONSTRAINT fk_item_department FOREIGN KEY (department_code) REFERENCES department (credit_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One version of a service guide (办事指南). DRAFT → IN_REVIEW (合法性审查) → PUBLISHED; a PUBLISHED row never changes.
CREATE TABLE item_version (
  item_code      VARCHAR(41)  NOT NULL,
  version        INT          NOT NULL,
  state          VARCHAR(12)  NOT NULL,
  valid_from     DATE         NOT NULL,
  content        MEDIUMTEXT   NOT NULL,
  revision       INT          NOT NULL DEFAULT 0,
  editors        VARCHAR(1000) NOT NULL,
  submitted_by   VARCHAR(100) NULL,
  reviewed_by    VARCHAR(100) NULL,
  review_opinion VARCHAR(1000) NULL,
  published_at   TIMESTAMP(3) NULL,
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (item_code, version),
  KEY ix_item_version_published (item_code, state, valid_from),
  CONSTRAINT ck_item_version_state CHECK (state IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED')),
  CONSTRAINT fk_item_version_item FOREIGN KEY (item_code) REFERENCES item (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the public lists filter on: the newest published version of every item that is not revoked.
CREATE TABLE item_listing (
  item_code       VARCHAR(41)  NOT NULL PRIMARY KEY,
  version         INT          NOT NULL,
  name            VARCHAR(100) NOT NULL,
  region_code     VARCHAR(12)  NOT NULL,
  department_code CHAR(18)     NOT NULL,
  power_type      VARCHAR(20)  NOT NULL,
  online_depth    TINYINT      NOT NULL,
  visits          TINYINT      NOT NULL,
  natural_person  BOOLEAN      NOT NULL,
  legal_person    BOOLEAN      NOT NULL,
  KEY ix_item_listing_region (region_code, item_code),
  CONSTRAINT fk_item_listing_item FOREIGN KEY (item_code) REFERENCES item (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE item_listing_theme (
  item_code  VARCHAR(41) NOT NULL,
  theme_code VARCHAR(10) NOT NULL,
  PRIMARY KEY (theme_code, item_code),
  KEY ix_item_listing_theme_item (item_code),
  CONSTRAINT fk_item_listing_theme_item FOREIGN KEY (item_code) REFERENCES item_listing (item_code) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every publish and revoke in order: the change feed county halls mirror, and the cursor of the catalogue events.
CREATE TABLE catalog_change (
  seq         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        VARCHAR(20)  NOT NULL,
  code        VARCHAR(41)  NOT NULL,
  version     INT          NULL,
  region_code VARCHAR(12)  NOT NULL,
  occurred_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency-Key of creating POSTs: a repeat by the same caller answers what the first did.
CREATE TABLE idempotency_key (
  caller      VARCHAR(100) NOT NULL,
  idem_key    VARCHAR(100) NOT NULL,
  resource    VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (caller, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 一件事: several items applied for together; the definition (items, merged materials) is computed at publish.
CREATE TABLE bundle (
  code         VARCHAR(40)  NOT NULL PRIMARY KEY,
  name         VARCHAR(100) NOT NULL,
  region_code  VARCHAR(12)  NOT NULL,
  state        VARCHAR(12)  NOT NULL,
  content      MEDIUMTEXT   NOT NULL,
  version      INT          NOT NULL DEFAULT 1,
  published_at TIMESTAMP(3) NULL,
  CONSTRAINT fk_bundle_region FOREIGN KEY (region_code) REFERENCES region (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
