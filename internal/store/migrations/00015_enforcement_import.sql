-- +goose Up
-- Imports of existing enforcement cases and officers from XLSX/CSV. An
-- upload becomes a batch: checked in the background, shown as a preview
-- with every error, and written only when the user confirms — the whole
-- batch in one transaction, so a batch is either saved in full or not at all.

CREATE TABLE enf_import_batches (
    id              {{id}},
    kind            TEXT NOT NULL,                 -- cases | officers
    unit_id         BIGINT NOT NULL REFERENCES units(id), -- the uploader's scope unit: rows must name units below it
    filename        TEXT NOT NULL,
    format          TEXT NOT NULL DEFAULT '',      -- xlsx | csv
    encoding        TEXT NOT NULL DEFAULT '',      -- utf-8 | utf-8-bom | gb18030 (CSV)
    size_bytes      BIGINT NOT NULL DEFAULT 0,
    content         TEXT NOT NULL DEFAULT '',      -- the uploaded file, sealed (personal data); cleared once saved or discarded
    status          TEXT NOT NULL,                 -- checking | checked | invalid | saving | saved | discarded
    total_rows      INTEGER NOT NULL DEFAULT 0,    -- data rows in the file
    error_count     INTEGER NOT NULL DEFAULT 0,
    saved_rows      INTEGER NOT NULL DEFAULT 0,
    report          TEXT NOT NULL DEFAULT '',      -- JSON: masked preview rows, errors (capped), warnings
    check_job_id    BIGINT REFERENCES jobs(id),
    save_job_id     BIGINT REFERENCES jobs(id),
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    confirmed_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    checked_at      {{ts}},
    saved_at        {{ts}}
);
CREATE INDEX enf_import_batches_unit ON enf_import_batches(unit_id, id);

-- The cases and officers a batch created (the events and the history page
-- find them by batch).
CREATE INDEX enf_cases_batch ON enf_cases(batch_id);
ALTER TABLE enf_officers ADD COLUMN batch_id BIGINT REFERENCES enf_import_batches(id);

-- +goose Down
ALTER TABLE enf_officers DROP COLUMN batch_id;
DROP INDEX enf_cases_batch;
DROP TABLE enf_import_batches;
