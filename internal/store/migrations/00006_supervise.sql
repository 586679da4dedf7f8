-- +goose Up
-- Task supervision (督办): one assignment per confirmed plan task and unit
-- (lead or co-operating), and the progress reports units file per period.

CREATE TABLE task_assignments (
    id                {{id}},
    plan_id           BIGINT NOT NULL REFERENCES plans(id),
    task_id           BIGINT NOT NULL REFERENCES plan_tasks(id),
    unit_id           BIGINT NOT NULL REFERENCES units(id),
    role              TEXT NOT NULL,                        -- lead | co
    status            TEXT NOT NULL DEFAULT 'not_started',  -- not_started | in_progress | done
    due_date          TEXT NOT NULL DEFAULT '',             -- last dated milestone as the monitor computed it
    created_at        {{ts}} NOT NULL,
    updated_at        {{ts}} NOT NULL,
    completed_at      {{ts}},
    completed_by      BIGINT REFERENCES users(id),
    completed_by_name TEXT NOT NULL DEFAULT '',
    UNIQUE (task_id, unit_id)
);
CREATE INDEX task_assignments_plan ON task_assignments(plan_id);
CREATE INDEX task_assignments_unit ON task_assignments(unit_id);

CREATE TABLE task_reports (
    id                {{id}},
    assignment_id     BIGINT NOT NULL REFERENCES task_assignments(id),
    period            TEXT NOT NULL,                        -- 2026年第4季度, 2026年11月, 2026年度 …
    body              TEXT NOT NULL,
    figures           TEXT NOT NULL DEFAULT '[]',           -- JSON [{"name":…,"value":…}]
    status            TEXT NOT NULL DEFAULT 'submitted',    -- submitted | accepted | returned
    revision          INTEGER NOT NULL DEFAULT 1,
    submitted_by      BIGINT REFERENCES users(id),
    submitted_by_name TEXT NOT NULL DEFAULT '',
    submitted_at      {{ts}} NOT NULL,
    reviewed_by       BIGINT REFERENCES users(id),
    reviewed_by_name  TEXT NOT NULL DEFAULT '',
    reviewed_at       {{ts}},
    review_comment    TEXT NOT NULL DEFAULT '',
    UNIQUE (assignment_id, period)
);
CREATE INDEX task_reports_status ON task_reports(status);

-- +goose Down
DROP TABLE task_reports;
DROP TABLE task_assignments;
