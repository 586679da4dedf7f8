-- +goose Up
-- Foundation schema: org tree, users and sessions, audit chain, attachments, jobs, reminders.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,          -- GB/T 2260 style: 6, 9 or 12 digits
    name        TEXT NOT NULL,
    level       INTEGER NOT NULL,          -- 1 province … 5 village
    parent_code TEXT REFERENCES regions(code)
);

CREATE TABLE units (
    id           {{id}},
    name         TEXT NOT NULL,
    short_name   TEXT NOT NULL DEFAULT '',
    aliases      TEXT NOT NULL DEFAULT '', -- other names, one per line (plan import matching)
    level        TEXT NOT NULL,            -- government | department | township | subdistrict | section
    org_type     TEXT NOT NULL,            -- admin_organ | authorized_org | entrusted_org | other
    credit_code  TEXT UNIQUE,              -- 统一社会信用代码, GB 32100
    region_code  TEXT REFERENCES regions(code),
    parent_id    BIGINT REFERENCES units(id),
    path         TEXT NOT NULL,            -- "/1/5/12/": subtree checks by prefix
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    merged_into  BIGINT REFERENCES units(id),
    sort_order   INTEGER NOT NULL DEFAULT 0,
    created_at   {{ts}} NOT NULL,
    updated_at   {{ts}} NOT NULL
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent ON units(parent_id);

-- Structural history (机构改革): every move, rename, merge and deactivation.
CREATE TABLE unit_events (
    id          {{id}},
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    kind        TEXT NOT NULL,             -- create | rename | move | merge | deactivate | activate
    from_parent BIGINT,
    to_parent   BIGINT,
    other_unit  BIGINT,                    -- merge target
    old_name    TEXT NOT NULL DEFAULT '',
    new_name    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    at          {{ts}} NOT NULL,
    by_user     BIGINT
);
CREATE INDEX unit_events_unit ON unit_events(unit_id);

CREATE TABLE users (
    id            {{id}},
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    unit_id       BIGINT NOT NULL REFERENCES units(id),
    scope_unit_id BIGINT NOT NULL REFERENCES units(id), -- data scope: this unit's subtree
    password_hash TEXT NOT NULL,
    must_change   BOOLEAN NOT NULL DEFAULT TRUE,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  {{ts}},
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    last_login_at {{ts}},
    prev_login_at {{ts}},                  -- shown at login: "上次登录" (等保 practice)
    password_changed_at {{ts}},
    created_at    {{ts}} NOT NULL,
    updated_at    {{ts}} NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users(id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,           -- SHA-256 of the cookie value
    user_id    BIGINT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    created_at {{ts}} NOT NULL,
    last_seen  {{ts}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id           {{id}},
    user_id      BIGINT NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,            -- first characters, shown to the owner
    token_hash   TEXT NOT NULL UNIQUE,     -- SHA-256 of the secret
    created_at   {{ts}} NOT NULL,
    expires_at   {{ts}},
    last_used_at {{ts}},
    revoked      BOOLEAN NOT NULL DEFAULT FALSE
);

-- Append-only, hash-chained audit log. audit_head holds the chain's tip and
-- is locked by the first statement of every append, serialising appenders.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE audit_log (
    seq         {{seqpk}},               -- the chain position; SQLite's rowid itself
    at          {{ts}} NOT NULL,
    user_id     BIGINT,
    username    TEXT NOT NULL DEFAULT '',
    unit_id     BIGINT,
    ip          TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    changes     TEXT NOT NULL DEFAULT '',  -- JSON [{"field","before","after"}]
    algo        TEXT NOT NULL,             -- sha256 | sm3
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);

-- sqlite-only
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- end-only
-- postgres-only
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- end-only

CREATE TABLE attachments (
    id          {{id}},
    hash        TEXT NOT NULL,             -- hex digest, also the path on disk
    size        BIGINT NOT NULL,
    mime        TEXT NOT NULL,
    filename    TEXT NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    object_type TEXT NOT NULL DEFAULT '',
    object_id   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT REFERENCES users(id),
    created_at  {{ts}} NOT NULL
);
CREATE INDEX attachments_hash ON attachments(hash);
CREATE INDEX attachments_object ON attachments(object_type, object_id);

CREATE TABLE jobs (
    id          {{id}},
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,             -- queued | running | done | failed | interrupted
    progress    INTEGER NOT NULL DEFAULT 0,
    total       INTEGER NOT NULL DEFAULT 0,
    message     TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    params      TEXT NOT NULL DEFAULT '',
    unit_id     BIGINT REFERENCES units(id),
    created_by  BIGINT REFERENCES users(id),
    created_at  {{ts}} NOT NULL,
    started_at  {{ts}},
    finished_at {{ts}}
);
CREATE INDEX jobs_status ON jobs(status);

-- In-app reminders shown on the home page (the deadline monitor writes here).
CREATE TABLE reminders (
    id         {{id}},
    user_id    BIGINT REFERENCES users(id),
    unit_id    BIGINT REFERENCES units(id),
    title      TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    due_date   TEXT NOT NULL DEFAULT '',   -- ISO date
    level      TEXT NOT NULL DEFAULT 'info', -- info | yellow | red
    created_at {{ts}} NOT NULL,
    done_at    {{ts}}
);
CREATE INDEX reminders_user ON reminders(user_id);
CREATE INDEX reminders_unit ON reminders(unit_id);

-- +goose Down
DROP TABLE reminders;
DROP TABLE jobs;
DROP TABLE attachments;
DROP TABLE audit_log;
DROP TABLE audit_head;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE unit_events;
DROP TABLE units;
DROP TABLE regions;
