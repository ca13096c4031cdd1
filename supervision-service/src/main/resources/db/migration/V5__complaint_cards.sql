-- A card is on a case or on a complaint (a department that did not answer a complaint in time).
ALTER TABLE card MODIFY case_number VARCHAR(40) NULL;
ALTER TABLE card ADD COLUMN complaint_number VARCHAR(40) NULL AFTER case_number;
CREATE INDEX ix_card_complaint ON card (complaint_number);
