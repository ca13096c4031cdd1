-- Idempotency-Key of the POST that created a draft: a retried creation returns the same draft.
ALTER TABLE application_case ADD COLUMN creation_key VARCHAR(100) NULL, ADD UNIQUE KEY uk_creation_key (created_by, creation_key);
