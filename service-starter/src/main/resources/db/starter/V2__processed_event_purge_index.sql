-- The retention purge deletes processed-event ids by age: without this index every run scans the whole table.
CREATE INDEX ix_processed_event_at ON processed_event (processed_at);
