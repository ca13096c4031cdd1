-- A creating POST's Idempotency-Key is unique per caller: a retry finds the case it created.
ALTER TABLE application_case ADD UNIQUE KEY uk_submission_key (created_by, submission_key);
