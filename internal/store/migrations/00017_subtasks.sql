-- +goose Up
-- Sub-tasks (任务分解): the lead unit of a plan task breaks it down into
-- pieces with their own unit (itself, one of its sections, or a
-- co-operating unit of the task) and due date; each due date is in the
-- deadline monitor.
CREATE TABLE task_subtasks (
    id              {{id}},
    assignment_id   BIGINT NOT NULL REFERENCES task_assignments(id),
    title           TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    due_date        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open',   -- open | done
    done_note       TEXT NOT NULL DEFAULT '',
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    done_at         {{ts}},
    done_by_name    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_subtasks_assignment ON task_subtasks(assignment_id);

-- +goose Down
DROP TABLE task_subtasks;
