-- Baseline of the onehall_application schema: the service's own tables arrive with the issue that builds them.
-- The starter's tables (outbox, processed events, locks) migrate separately (starter_schema_history).
CREATE TABLE service_info (
  name       VARCHAR(100) NOT NULL PRIMARY KEY,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO service_info (name) VALUES ('application-service');
