-- 证照目录: licence types. The eight demo types of docs/contracts.md are seeded below.
CREATE TABLE licence_type (
  code            VARCHAR(40)  NOT NULL PRIMARY KEY,
  name            VARCHAR(100) NOT NULL,
  holder_type     VARCHAR(20)  NOT NULL,
  department_code CHAR(18)     NOT NULL,
  region_code     VARCHAR(12)  NOT NULL,
  -- LONG_TERM, an ISO-8601 period such as P5Y, or ID_CARD_BY_AGE (GA: 5/10/20 years or long-term by age)
  validity_rule   VARCHAR(20)  NOT NULL,
  field_schema    JSON         NOT NULL,
  template        VARCHAR(40)  NOT NULL,
  KEY ix_licence_type_department (department_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-department SM2 keys. The private key is sealed with the key-encryption key (AES-256-GCM, key id as AAD).
-- active_for holds the department code while the key is the one that signs, NULL once retired: at most one
-- active key per department, whatever the code does.
CREATE TABLE signing_key (
  key_id          VARCHAR(40)  NOT NULL PRIMARY KEY,
  department_code CHAR(18)     NOT NULL,
  public_key      VARCHAR(400) NOT NULL,
  private_key     VARCHAR(400) NOT NULL,
  status          VARCHAR(10)  NOT NULL,
  active_for      CHAR(18)     NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  retired_at      TIMESTAMP(3) NULL,
  UNIQUE KEY uk_signing_key_active (active_for),
  KEY ix_signing_key_department (department_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Serial numbers per licence type and year: INSERT … ON DUPLICATE KEY UPDATE with LAST_INSERT_ID, safe under concurrency.
CREATE TABLE licence_serial (
  type_code VARCHAR(40) NOT NULL,
  year      SMALLINT    NOT NULL,
  last_no   BIGINT      NOT NULL,
  PRIMARY KEY (type_code, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per licence version. public_id is the unguessable id every URL and event uses.
CREATE TABLE licence (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id         CHAR(26)     NOT NULL,
  identifier        VARCHAR(120) NOT NULL,
  type_code         VARCHAR(40)  NOT NULL,
  issuer_code       CHAR(18)     NOT NULL,
  serial            VARCHAR(20)  NOT NULL,
  version           INT          NOT NULL,
  region_code       VARCHAR(12)  NOT NULL,
  holder_type       VARCHAR(20)  NOT NULL,
  holder_ref        VARCHAR(200) NOT NULL,  -- PersonalDataCipher, purpose licence.holder_ref
  holder_index      CHAR(64)     NOT NULL,  -- BlindIndex of holder type + ref
  holder_masked     VARCHAR(40)  NOT NULL,
  holder_display    VARCHAR(200) NULL,      -- the holder's name as public answers show it (masked for persons)
  data              MEDIUMTEXT   NOT NULL,  -- the licence fields, PersonalDataCipher, purpose licence.data
  valid_from        DATE         NOT NULL,
  valid_until       DATE         NULL,      -- NULL: long-term (长期)
  status            VARCHAR(12)  NOT NULL,
  status_reason     VARCHAR(500) NULL,
  source            VARCHAR(10)  NOT NULL,  -- CASE, ADMIN, IMPORT, REISSUE
  case_number       VARCHAR(40)  NULL,
  paper_number      VARCHAR(60)  NULL,
  verification_code CHAR(8)      NOT NULL,
  key_id            VARCHAR(40)  NOT NULL,
  signature         VARCHAR(200) NOT NULL,  -- base64 DER SM2 signature over the canonical content
  issued_at         TIMESTAMP(3) NOT NULL,
  changed_at        TIMESTAMP(3) NOT NULL,
  UNIQUE KEY uk_licence_public_id (public_id),
  UNIQUE KEY uk_licence_identifier (identifier),
  UNIQUE KEY uk_licence_serial_version (type_code, serial, version),
  -- exactly one licence per case, whatever arrives twice
  UNIQUE KEY uk_licence_case (case_number),
  UNIQUE KEY uk_licence_paper (type_code, paper_number, version),
  KEY ix_licence_holder (holder_index, id),
  KEY ix_licence_expiry (status, valid_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Everything that happened to a licence (all versions share the serial): the history holders and staff read.
CREATE TABLE licence_event (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  licence_id  BIGINT       NOT NULL,
  type_code   VARCHAR(40)  NOT NULL,
  serial      VARCHAR(20)  NOT NULL,
  action      VARCHAR(20)  NOT NULL,
  status      VARCHAR(12)  NOT NULL,
  reason      VARCHAR(500) NULL,
  actor       VARCHAR(255) NOT NULL,
  occurred_at TIMESTAMP(3) NOT NULL,
  KEY ix_licence_event_serial (type_code, serial, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 用证记录: a case used the licence as a material, with the holder's consent (their token).
CREATE TABLE licence_use (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id       CHAR(26)     NOT NULL,
  licence_id      BIGINT       NOT NULL,
  case_number     VARCHAR(40)  NOT NULL,
  department_code CHAR(18)     NOT NULL,
  item_code       VARCHAR(60)  NOT NULL,
  agent_masked    VARCHAR(40)  NULL,
  used_at         TIMESTAMP(3) NOT NULL,
  UNIQUE KEY uk_licence_use_public (public_id),
  UNIQUE KEY uk_licence_use_case (licence_id, case_number, department_code, item_code),
  KEY ix_licence_use_licence (licence_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency-Key of creating POSTs: the first answer is replayed for the same caller, key and body.
CREATE TABLE idempotent_request (
  caller       VARCHAR(100) NOT NULL,
  idem_key     VARCHAR(100) NOT NULL,
  request_hash CHAR(64)     NOT NULL,
  status       INT          NOT NULL,
  body         MEDIUMTEXT   NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (caller, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO licence_type (code, name, holder_type, department_code, region_code, validity_rule, template, field_schema) VALUES
('11440781MB2C00055T001', '居民身份证', 'NATURAL_PERSON', '11440781MB2C00055T', '440781', 'ID_CARD_BY_AGE', 'id-card',
 '[{"name":"name","label":"姓名","type":"STRING","required":true},{"name":"gender","label":"性别","type":"STRING","required":true},{"name":"ethnicity","label":"民族","type":"STRING","required":false},{"name":"birthDate","label":"出生","type":"DATE","required":true},{"name":"address","label":"住址","type":"STRING","required":true}]'),
('11440781MB2C00055T002', '居民户口簿', 'NATURAL_PERSON', '11440781MB2C00055T', '440781', 'LONG_TERM', 'household',
 '[{"name":"name","label":"户主姓名","type":"STRING","required":true},{"name":"householdType","label":"户别","type":"STRING","required":true},{"name":"address","label":"住址","type":"STRING","required":true}]'),
('11440781MB2C000208001', '结婚证', 'NATURAL_PERSON', '11440781MB2C000208', '440781', 'LONG_TERM', 'marriage',
 '[{"name":"name","label":"持证人","type":"STRING","required":true},{"name":"spouseName","label":"配偶姓名","type":"STRING","required":true},{"name":"registeredOn","label":"登记日期","type":"DATE","required":true}]'),
('11440781MB2C00012D001', '营业执照', 'LEGAL_PERSON', '11440781MB2C00012D', '440781', 'LONG_TERM', 'business',
 '[{"name":"name","label":"名称","type":"STRING","required":true},{"name":"legalRepresentative","label":"法定代表人","type":"STRING","required":true},{"name":"registeredCapital","label":"注册资本","type":"STRING","required":false},{"name":"establishedOn","label":"成立日期","type":"DATE","required":true},{"name":"address","label":"住所","type":"STRING","required":true},{"name":"scope","label":"经营范围","type":"STRING","required":false}]'),
('11440781MB2C00012D002', '个体工商户营业执照', 'NATURAL_PERSON', '11440781MB2C00012D', '440781', 'LONG_TERM', 'business',
 '[{"name":"name","label":"名称","type":"STRING","required":true},{"name":"operator","label":"经营者","type":"STRING","required":true},{"name":"address","label":"经营场所","type":"STRING","required":true},{"name":"scope","label":"经营范围","type":"STRING","required":false}]'),
('11440781MB2C00012D003', '食品经营许可证', 'LEGAL_PERSON', '11440781MB2C00012D', '440781', 'P5Y', 'permit',
 '[{"name":"name","label":"经营者名称","type":"STRING","required":true},{"name":"address","label":"经营场所","type":"STRING","required":true},{"name":"mainBusiness","label":"主体业态","type":"STRING","required":true},{"name":"scope","label":"经营项目","type":"STRING","required":false}]'),
('11440781MB2C0003X3001', '社会保障卡', 'NATURAL_PERSON', '11440781MB2C0003X3', '440781', 'P10Y', 'card',
 '[{"name":"name","label":"姓名","type":"STRING","required":true},{"name":"cardNumber","label":"卡号","type":"STRING","required":true}]'),
('11440781MB2C000470001', '建设工程规划许可证', 'LEGAL_PERSON', '11440781MB2C000470', '440781', 'P1Y', 'permit',
 '[{"name":"name","label":"建设单位","type":"STRING","required":true},{"name":"project","label":"建设项目名称","type":"STRING","required":true},{"name":"location","label":"建设位置","type":"STRING","required":true},{"name":"scale","label":"建设规模","type":"STRING","required":false}]');
