-- +goose Up
-- The registry part of enforcement: the 执法岗位 headcount that 持证率 is
-- measured against, and indexes for the registry's reads.

-- 执法岗位在编人数 per unit (the denominator of 持证率: officers 在岗 with a
-- valid certificate ÷ this count), with the document it comes from.
CREATE TABLE enf_unit_posts (
    unit_id    BIGINT PRIMARY KEY REFERENCES units(id),
    posts      INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    updated_at {{ts}} NOT NULL
);

-- At most one draft and one published 权责清单 version per unit, also
-- under concurrent editing.
CREATE UNIQUE INDEX enf_lists_one_draft ON enf_lists(unit_id) WHERE status = 'draft';
CREATE UNIQUE INDEX enf_lists_one_published ON enf_lists(unit_id) WHERE status = 'published';

-- Expiring certificates and the training of a year.
CREATE INDEX enf_officers_valid_until ON enf_officers(valid_until);
CREATE INDEX enf_training_year ON enf_training(year, officer_id);

-- +goose Down
DROP INDEX enf_training_year;
DROP INDEX enf_officers_valid_until;
DROP INDEX enf_lists_one_published;
DROP INDEX enf_lists_one_draft;
DROP TABLE enf_unit_posts;
