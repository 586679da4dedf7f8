-- +goose Up
-- Cases transferred (移送) as a step used to keep no decision: the 统计年报
-- counted only imported transfers. They get the transfer as their decision,
-- dated by the transfer step (the 立案 date when the timeline lacks it), and
-- the rollups the counts they missed (作出决定, 移送, 重大; a transfer comes
-- before any hearing, 法制审核 or fine). Rollups first, from the same rows.
INSERT INTO enf_stats (unit_id, year, category, decided, dec_transfer, major)
    SELECT unit_id, CAST(SUBSTR(d, 1, 4) AS INTEGER), category, COUNT(*), COUNT(*), SUM(CASE WHEN major THEN 1 ELSE 0 END)
    FROM (SELECT c.unit_id, c.category, c.major,
            COALESCE((SELECT MAX(e.on_date) FROM enf_case_events e WHERE e.case_id = c.id AND e.step = 'transfer'), c.filed_on) AS d
          FROM enf_cases c WHERE c.state = 'transferred' AND c.decision = '') t
    WHERE d <> ''
    GROUP BY unit_id, SUBSTR(d, 1, 4), category
    ON CONFLICT (unit_id, year, category) DO UPDATE SET decided = enf_stats.decided + excluded.decided,
        dec_transfer = enf_stats.dec_transfer + excluded.dec_transfer, major = enf_stats.major + excluded.major;
UPDATE enf_cases SET decision = 'transfer',
    decided_on = COALESCE((SELECT MAX(e.on_date) FROM enf_case_events e WHERE e.case_id = enf_cases.id AND e.step = 'transfer'), filed_on)
    WHERE state = 'transferred' AND decision = '';

-- +goose Down
SELECT 1;
