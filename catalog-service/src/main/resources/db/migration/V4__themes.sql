-- 服务主题: 31 themes for natural persons and 34 for legal persons (seed 000 annex 3), in life-cycle order.
CREATE TABLE theme (
  code           VARCHAR(10)  NOT NULL PRIMARY KEY,
  name           VARCHAR(50)  NOT NULL,
  service_object VARCHAR(20)  NOT NULL,
  position       INT          NOT NULL,
  note           VARCHAR(200) NULL,
  UNIQUE KEY uk_theme_object_name (service_object, name),
  KEY ix_theme_object_position (service_object, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
