-- +goose Up
-- 复议/诉讼 decided in a year, per unit: the 统计年报 asks for them unit by
-- unit once PostgreSQL plans its prepared statement generically (after five
-- runs), and (decided_on, unit_id) then scanned the whole year for each of
-- 1 950 units (0.33 s at a million cases; docs/BENCHMARKS.md).
CREATE INDEX enf_appeals_unit_decided ON enf_appeals(unit_id, decided_on);

-- +goose Down
DROP INDEX enf_appeals_unit_decided;
