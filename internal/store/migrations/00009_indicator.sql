-- +goose Up
-- The indicator tree (指标体系) used for 考核: one tree per installation,
-- replaced as a whole by an XLSX import; codes nest ("1" > "1.2" > "1.2.3").
CREATE TABLE indicators (
    id             {{id}},
    code           TEXT NOT NULL UNIQUE,
    level          INTEGER NOT NULL,
    name           TEXT NOT NULL,
    max_score      DOUBLE PRECISION NOT NULL,
    method         TEXT NOT NULL DEFAULT '',   -- auto | manual | deduction; '' for a node with children
    metric_key     TEXT NOT NULL DEFAULT '',
    target         TEXT NOT NULL DEFAULT '',   -- scoring rule of an automatic indicator, e.g. ≥95
    per_deduction  DOUBLE PRECISION NOT NULL DEFAULT 0,
    deduction_cap  DOUBLE PRECISION NOT NULL DEFAULT 0,
    description    TEXT NOT NULL DEFAULT '',   -- 评分标准与佐证材料要求
    sort_order     INTEGER NOT NULL DEFAULT 0
);

-- An assessment round (考核轮次) for a year and a set of units. The tree is
-- copied into assessment_items when the round opens, so later edits of the
-- tree never change a round's scores.
CREATE TABLE assessment_rounds (
    id              {{id}},
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open',  -- open | closed
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL
);

CREATE TABLE assessment_units (
    round_id BIGINT NOT NULL REFERENCES assessment_rounds(id),
    unit_id  BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (round_id, unit_id)
);

CREATE TABLE assessment_items (
    round_id       BIGINT NOT NULL REFERENCES assessment_rounds(id),
    code           TEXT NOT NULL,
    level          INTEGER NOT NULL,
    name           TEXT NOT NULL,
    max_score      DOUBLE PRECISION NOT NULL,
    method         TEXT NOT NULL DEFAULT '',
    metric_key     TEXT NOT NULL DEFAULT '',
    target         TEXT NOT NULL DEFAULT '',
    per_deduction  DOUBLE PRECISION NOT NULL DEFAULT 0,
    deduction_cap  DOUBLE PRECISION NOT NULL DEFAULT 0,
    description    TEXT NOT NULL DEFAULT '',
    sort_order     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, code)
);

-- One unit's self-assessment and the reviewer's score for one leaf indicator.
CREATE TABLE assessment_scores (
    round_id       BIGINT NOT NULL REFERENCES assessment_rounds(id),
    unit_id        BIGINT NOT NULL REFERENCES units(id),
    code           TEXT NOT NULL,
    claimed        DOUBLE PRECISION,           -- self-assessed score (manual)
    occurrences    INTEGER,                    -- self-reported occurrences (deduction)
    self_note      TEXT NOT NULL DEFAULT '',
    self_by_name   TEXT NOT NULL DEFAULT '',
    self_at        {{ts}},
    score          DOUBLE PRECISION,           -- reviewer's score
    justification  TEXT NOT NULL DEFAULT '',
    scored_by_name TEXT NOT NULL DEFAULT '',
    scored_at      {{ts}},
    PRIMARY KEY (round_id, unit_id, code)
);

-- +goose Down
DROP TABLE assessment_scores;
DROP TABLE assessment_items;
DROP TABLE assessment_units;
DROP TABLE assessment_rounds;
DROP TABLE indicators;
