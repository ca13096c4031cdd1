-- Items from the catalogue's published guides (item-published / item-revoked), authoritative over what cases show:
-- source CASE = seen only on cases so far, CATALOG = read from the published guide; revoked items leave the measures.
ALTER TABLE item_view ADD COLUMN source VARCHAR(10) NOT NULL DEFAULT 'CASE';
ALTER TABLE item_view ADD COLUMN revoked BOOLEAN NOT NULL DEFAULT FALSE;
