-- +goose Up
-- Org tree: a lock row that serialises structural changes (moves and merges
-- rewrite the paths of whole subtrees), and lookups by merge target.

CREATE TABLE unit_tree_lock (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL              -- bumped by every change to units
);
INSERT INTO unit_tree_lock (id, version) VALUES (1, 0);

CREATE INDEX units_merged_into ON units(merged_into);
CREATE INDEX unit_events_other ON unit_events(other_unit);

-- +goose Down
DROP INDEX unit_events_other;
DROP INDEX units_merged_into;
DROP TABLE unit_tree_lock;
