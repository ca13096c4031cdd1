-- A bundle is changed like an item: a draft beside the published content, legality review by another admin, publish.
ALTER TABLE bundle
  ADD COLUMN draft        MEDIUMTEXT    NULL,
  ADD COLUMN draft_state  VARCHAR(12)   NULL,
  ADD COLUMN editors      VARCHAR(1000) NULL,
  ADD COLUMN reviewed_by  VARCHAR(100)  NULL;
