-- +goose Up
-- 督察 rounds: the 法治办 picks units (and optionally plan tasks), records
-- findings, and opens rectification items (整改) with a deadline in the
-- monitor; the unit submits closing evidence and the 法治办 accepts (销号).

CREATE TABLE inspection_rounds (
    id              {{id}},
    title           TEXT NOT NULL,
    basis           TEXT NOT NULL DEFAULT '',      -- the document or decision the round rests on
    status          TEXT NOT NULL DEFAULT 'open',  -- open | closed
    started_on      TEXT NOT NULL,                 -- ISO date
    closed_at       {{ts}},
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL
);

-- A unit inspected in a round, optionally on one plan task.
CREATE TABLE inspection_targets (
    id         {{id}},
    round_id   BIGINT NOT NULL REFERENCES inspection_rounds(id),
    unit_id    BIGINT NOT NULL REFERENCES units(id),
    task_id    BIGINT REFERENCES plan_tasks(id),
    created_at {{ts}} NOT NULL
);
CREATE INDEX inspection_targets_round ON inspection_targets(round_id);

CREATE TABLE inspection_findings (
    id              {{id}},
    round_id        BIGINT NOT NULL REFERENCES inspection_rounds(id),
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    task_id         BIGINT REFERENCES plan_tasks(id),
    body            TEXT NOT NULL,
    severity        TEXT NOT NULL,                 -- 一般 | 较重 | 严重
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL
);
CREATE INDEX inspection_findings_round ON inspection_findings(round_id);

-- Status as stored: rectifying (整改中) | submitted (待验收) | closed (已销号);
-- 逾期 is derived from the monitor item's due date.
CREATE TABLE rectifications (
    id                {{id}},
    finding_id        BIGINT NOT NULL REFERENCES inspection_findings(id),
    unit_id           BIGINT NOT NULL REFERENCES units(id),
    requirement       TEXT NOT NULL,
    days              INTEGER NOT NULL,             -- natural days from start_date
    start_date        TEXT NOT NULL,                -- ISO
    due_date          TEXT NOT NULL,                -- as the monitor computed it
    deadline_item_id  BIGINT REFERENCES deadline_items(id),
    status            TEXT NOT NULL DEFAULT 'rectifying',
    closing_text      TEXT NOT NULL DEFAULT '',
    submitted_by      BIGINT REFERENCES users(id),
    submitted_by_name TEXT NOT NULL DEFAULT '',
    submitted_at      {{ts}},
    review_comment    TEXT NOT NULL DEFAULT '',
    accepted_by       BIGINT REFERENCES users(id),
    accepted_by_name  TEXT NOT NULL DEFAULT '',
    accepted_at       {{ts}},
    created_by        BIGINT REFERENCES users(id),
    created_by_name   TEXT NOT NULL DEFAULT '',
    created_at        {{ts}} NOT NULL,
    updated_at        {{ts}} NOT NULL
);
CREATE INDEX rectifications_finding ON rectifications(finding_id);
CREATE INDEX rectifications_unit ON rectifications(unit_id, status);

-- +goose Down
DROP TABLE rectifications;
DROP TABLE inspection_findings;
DROP TABLE inspection_targets;
DROP TABLE inspection_rounds;
