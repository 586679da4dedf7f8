-- +goose Up
-- Plans (规划督办): imported 实施方案 / 实施意见 / 工作要点 with their chapters,
-- numbered tasks, responsible units and deadlines; the unit groups that
-- names such as "各乡镇（街道）" expand to; and import drafts under review.

-- A named set of units ("各乡镇（街道）" → every township and subdistrict).
CREATE TABLE unit_groups (
    id              {{id}},
    name            TEXT NOT NULL UNIQUE,
    aliases         TEXT NOT NULL DEFAULT '', -- other names, one per line
    note            TEXT NOT NULL DEFAULT '',
    updated_by      BIGINT REFERENCES users(id),
    updated_by_name TEXT NOT NULL DEFAULT '',
    updated_at      {{ts}} NOT NULL
);

CREATE TABLE unit_group_members (
    group_id BIGINT NOT NULL REFERENCES unit_groups(id) ON DELETE CASCADE,
    unit_id  BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (group_id, unit_id)
);

-- An uploaded plan under review: the text, what the parser read from it and
-- the user's mapping of unit names. Deleted when confirmed or discarded.
CREATE TABLE plan_drafts (
    id              {{id}},
    title           TEXT NOT NULL,
    source_name     TEXT NOT NULL DEFAULT '',
    source_sha256   TEXT NOT NULL,
    original_text   TEXT NOT NULL,
    parsed_json     TEXT NOT NULL,            -- plan.ParsedPlan
    mappings_json   TEXT NOT NULL DEFAULT '{}', -- raw unit name → plan.Mapping
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    updated_at      {{ts}} NOT NULL
);

CREATE TABLE plans (
    id                {{id}},
    title             TEXT NOT NULL,
    doc_type          TEXT NOT NULL DEFAULT '', -- 实施方案 | 实施意见 | 工作要点 | …
    issuer            TEXT NOT NULL DEFAULT '', -- issuing body named in the text, when found
    year              INTEGER NOT NULL DEFAULT 0, -- single year of an annual plan
    original_text     TEXT NOT NULL,
    source_name       TEXT NOT NULL DEFAULT '',
    source_sha256     TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'confirmed', -- draft | confirmed
    task_count        INTEGER NOT NULL DEFAULT 0,
    imported_by       BIGINT REFERENCES users(id),
    imported_by_name  TEXT NOT NULL DEFAULT '',
    imported_at       {{ts}} NOT NULL,
    confirmed_by      BIGINT REFERENCES users(id),
    confirmed_by_name TEXT NOT NULL DEFAULT '',
    confirmed_at      {{ts}}
);

CREATE TABLE plan_chapters (
    id      {{id}},
    plan_id BIGINT NOT NULL REFERENCES plans(id),
    no      INTEGER NOT NULL,
    heading TEXT NOT NULL,                  -- as written, numbering included
    title   TEXT NOT NULL,
    line    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plan_chapters_plan ON plan_chapters(plan_id);

CREATE TABLE plan_tasks (
    id         {{id}},
    plan_id    BIGINT NOT NULL REFERENCES plans(id),
    chapter_id BIGINT REFERENCES plan_chapters(id),
    seq        INTEGER NOT NULL,            -- position in the document, 1-based
    no         INTEGER NOT NULL,            -- the number as written: (二十五) → 25
    marker     TEXT NOT NULL DEFAULT '',
    section    TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    line       INTEGER NOT NULL DEFAULT 0,
    framing    BOOLEAN NOT NULL DEFAULT FALSE -- 指导思想, 基本原则 …: guidance, not work
);
CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id, seq);

-- One row per unit a task names (a group name gives one row per member);
-- an ignored name is kept with no unit.
CREATE TABLE plan_task_units (
    id         {{id}},
    task_id    BIGINT NOT NULL REFERENCES plan_tasks(id),
    unit_id    BIGINT REFERENCES units(id),
    role       TEXT NOT NULL,               -- lead | co
    raw_name   TEXT NOT NULL,               -- as written in the plan
    match_kind TEXT NOT NULL,               -- exact | alias | fuzzy | group | mapped | ignored
    group_id   BIGINT REFERENCES unit_groups(id)
);
CREATE INDEX plan_task_units_task ON plan_task_units(task_id);
CREATE INDEX plan_task_units_unit ON plan_task_units(unit_id);

CREATE TABLE plan_milestones (
    id        {{id}},
    task_id   BIGINT NOT NULL REFERENCES plan_tasks(id),
    phrase    TEXT NOT NULL,                -- as written: 2022年年底前, 每年第一季度
    kind      TEXT NOT NULL,                -- milestone | recurring
    due_date  TEXT NOT NULL DEFAULT '',     -- milestone: ISO date, the last day allowed
    period    TEXT NOT NULL DEFAULT '',     -- recurring: year | half-year | quarter | month | week
    every     INTEGER NOT NULL DEFAULT 0,   -- recurring: cycles between occurrences
    due_point TEXT NOT NULL DEFAULT ''      -- recurring: Q1, H1, MM-DD within the cycle
);
CREATE INDEX plan_milestones_task ON plan_milestones(task_id);
