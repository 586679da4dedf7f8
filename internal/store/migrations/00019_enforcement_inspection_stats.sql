-- +goose Up
-- 检查户次 rollups per unit and year, kept on every inspection write like
-- enf_stats (a province records hundreds of millions of 户次; summing them
-- for the 统计年报 took seconds). Filled from the records already there;
-- RebuildStats recounts it.
CREATE TABLE enf_inspection_stats (
    unit_id       BIGINT NOT NULL REFERENCES units(id),
    year          INTEGER NOT NULL,
    records       BIGINT NOT NULL DEFAULT 0,  -- inspection records
    visits        BIGINT NOT NULL DEFAULT 0,  -- 检查户次
    visits_mobile BIGINT NOT NULL DEFAULT 0,  -- of which 掌上执法
    PRIMARY KEY (unit_id, year)
);
CREATE INDEX enf_inspection_stats_year ON enf_inspection_stats(year, unit_id);
INSERT INTO enf_inspection_stats (unit_id, year, records, visits, visits_mobile)
    SELECT unit_id, CAST(SUBSTR(inspected_on, 1, 4) AS INTEGER), COUNT(*), SUM(visits), SUM(CASE WHEN mobile THEN visits ELSE 0 END)
    FROM enf_inspections GROUP BY unit_id, SUBSTR(inspected_on, 1, 4);

-- +goose Down
DROP TABLE enf_inspection_stats;
