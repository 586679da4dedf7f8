-- +goose Up
-- Working-day calendar and statutory deadlines: imported holiday notices,
-- regional holidays, the rule catalogue's local changes, and the deadline
-- monitor's items. The national calendar and the catalogue themselves are
-- embedded in the binary; these tables hold only what a deployment adds.

-- One row per year whose 部分节假日安排 an administrator imported; a later
-- import of the same year replaces the row (the audit log keeps the history).
CREATE TABLE calendar_years (
    year             INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    doc_no           TEXT NOT NULL DEFAULT '',
    issued           TEXT NOT NULL DEFAULT '',  -- ISO date, '' when the notice states none
    notice_text      TEXT NOT NULL,             -- the pasted text, as confirmed
    plan_json        TEXT NOT NULL,             -- calendar.YearPlan: every parsed day
    imported_by      BIGINT REFERENCES users(id),
    imported_by_name TEXT NOT NULL DEFAULT '',
    imported_at      {{ts}} NOT NULL
);

-- Extra holidays of a 民族自治地方 (or any region), applied on top of the
-- national calendar for units in that region and below it.
CREATE TABLE calendar_regions (
    code            TEXT PRIMARY KEY,          -- administrative division code
    name            TEXT NOT NULL,
    source          TEXT NOT NULL,             -- the regulation that sets the days
    days_json       TEXT NOT NULL,             -- []calendar.PlanDay
    updated_by      BIGINT REFERENCES users(id),
    updated_by_name TEXT NOT NULL DEFAULT '',
    updated_at      {{ts}} NOT NULL
);

-- U (unverified) catalogue rules an administrator has confirmed for use.
CREATE TABLE deadline_rule_confirmations (
    rule_id           TEXT PRIMARY KEY,
    note              TEXT NOT NULL DEFAULT '',
    confirmed_by      BIGINT REFERENCES users(id),
    confirmed_by_name TEXT NOT NULL DEFAULT '',
    confirmed_at      {{ts}} NOT NULL
);

-- A region's own length for a catalogue rule, with its own citation.
CREATE TABLE deadline_rule_overrides (
    id              {{id}},
    region_code     TEXT NOT NULL,
    rule_id         TEXT NOT NULL,
    n               INTEGER NOT NULL,
    unit            TEXT NOT NULL,             -- workday | day | month | year
    citation        TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    updated_by      BIGINT REFERENCES users(id),
    updated_by_name TEXT NOT NULL DEFAULT '',
    updated_at      {{ts}} NOT NULL,
    UNIQUE (region_code, rule_id)
);

-- Deadline monitor: every statutory deadline another capability registers.
CREATE TABLE deadline_items (
    id             {{id}},
    object_type    TEXT NOT NULL,              -- e.g. penalty_case, review_case
    object_id      TEXT NOT NULL,
    title          TEXT NOT NULL,
    rule_id        TEXT NOT NULL DEFAULT '',   -- '' for a custom period
    n              INTEGER NOT NULL DEFAULT 0, -- custom period (rule_id = '')
    unit           TEXT NOT NULL DEFAULT '',
    count_back     BOOLEAN NOT NULL DEFAULT FALSE,
    start_date     TEXT NOT NULL,              -- ISO date of the starting event
    suspend_days   INTEGER NOT NULL DEFAULT 0,
    extend_n       INTEGER NOT NULL DEFAULT 0,
    due_date       TEXT NOT NULL,              -- computed, ISO
    estimated      BOOLEAN NOT NULL DEFAULT FALSE,
    region_code    TEXT NOT NULL DEFAULT '',   -- region whose rules and holidays applied
    rule_name      TEXT NOT NULL DEFAULT '',
    citation       TEXT NOT NULL DEFAULT '',
    trail          TEXT NOT NULL DEFAULT '',   -- JSON array of the explanation lines
    unit_id        BIGINT NOT NULL REFERENCES units(id),
    user_id        BIGINT REFERENCES users(id),
    status         TEXT NOT NULL DEFAULT 'open', -- open | done | cancelled
    done_at        {{ts}},
    link           TEXT NOT NULL DEFAULT '',
    reminder_id    BIGINT REFERENCES reminders(id), -- the item's home-page reminder
    reminder_level TEXT NOT NULL DEFAULT '',   -- level last reminded: '' | yellow | red
    created_at     {{ts}} NOT NULL,
    updated_at     {{ts}} NOT NULL
);
CREATE INDEX deadline_items_open ON deadline_items(status, due_date);
CREATE INDEX deadline_items_unit ON deadline_items(unit_id);
CREATE INDEX deadline_items_object ON deadline_items(object_type, object_id);

-- +goose Down
DROP TABLE deadline_items;
DROP TABLE deadline_rule_overrides;
DROP TABLE deadline_rule_confirmations;
DROP TABLE calendar_regions;
DROP TABLE calendar_years;
