-- +goose Up
-- The yearly statistics ledger (台账): one row per unit, year and field of
-- the catalogue in internal/ledger. Values are kept as the canonical decimal
-- text that was entered; earlier values live in the audit log (ledger.save).
CREATE TABLE ledger_entries (
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    year            INTEGER NOT NULL,
    field           TEXT NOT NULL,
    value           TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '', -- source of the figure (统计口径、出处)
    entered_by      BIGINT REFERENCES users(id),
    entered_by_name TEXT NOT NULL DEFAULT '',
    entered_at      {{ts}} NOT NULL,
    PRIMARY KEY (unit_id, year, field)
);

CREATE INDEX ledger_entries_year ON ledger_entries (year, field);

-- +goose Down
DROP TABLE ledger_entries;
