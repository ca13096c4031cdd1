-- Whether the guide fields supervision sees on an item's cases are complete (promised limit, fee, online depth, visits):
-- the guide-completeness part of the star rating.
ALTER TABLE item_view ADD COLUMN guide_complete BOOLEAN NOT NULL DEFAULT FALSE;
