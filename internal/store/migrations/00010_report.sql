-- +goose Up
-- The annual 法治政府建设 report of a unit (with its subtree) for a year.
-- Its text lives in sections, each save a new version; the figures the text
-- cites are snapshots of the metric registry, so every version keeps the
-- values (and their sources) it was written against.
CREATE TABLE reports (
    id                {{id}},
    unit_id           BIGINT NOT NULL REFERENCES units(id),
    year              INTEGER NOT NULL,
    title             TEXT NOT NULL,
    doc_no            TEXT NOT NULL DEFAULT '',   -- 发文字号
    addressee         TEXT NOT NULL DEFAULT '',   -- 主送机关
    issuer            TEXT NOT NULL DEFAULT '',   -- 发文机关署名
    status            TEXT NOT NULL DEFAULT 'draft', -- draft | submitted | published
    snapshot          INTEGER NOT NULL DEFAULT 1, -- current figure snapshot
    submit_by         TEXT NOT NULL,              -- ISO date: report to 党委 and 上级政府
    publish_by        TEXT NOT NULL,              -- ISO date: publish to the public
    deadline_basis    TEXT NOT NULL DEFAULT '',   -- where the two dates come from
    submitted_on      TEXT NOT NULL DEFAULT '',   -- ISO date the report was submitted
    submitted_to      TEXT NOT NULL DEFAULT '',
    submitted_by_name TEXT NOT NULL DEFAULT '',
    created_by_name   TEXT NOT NULL DEFAULT '',
    created_at        {{ts}} NOT NULL,
    updated_at        {{ts}} NOT NULL,
    UNIQUE (unit_id, year)
);

-- The parts of a report in order: 导语, the areas of 一, then 二, 三, 四.
CREATE TABLE report_sections (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    key       TEXT NOT NULL,
    part      INTEGER NOT NULL,   -- 0 导语, 1–4 the four parts
    seq       INTEGER NOT NULL,
    version   INTEGER NOT NULL,   -- the current version
    PRIMARY KEY (report_id, key)
);

-- Every saved text of a section; restoring an old text is a new version.
CREATE TABLE report_versions (
    id              {{id}},
    report_id       BIGINT NOT NULL REFERENCES reports(id),
    section_key     TEXT NOT NULL,
    version         INTEGER NOT NULL,
    heading         TEXT NOT NULL,
    body            TEXT NOT NULL,
    snapshot        INTEGER NOT NULL,
    kind            TEXT NOT NULL,    -- draft | edit | restore | refresh | redraft
    note            TEXT NOT NULL DEFAULT '',
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    UNIQUE (report_id, section_key, version)
);

-- A figure as it stood when a snapshot was taken, with its source.
CREATE TABLE report_figures (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    snapshot  INTEGER NOT NULL,
    key       TEXT NOT NULL,
    name      TEXT NOT NULL,
    unit      TEXT NOT NULL DEFAULT '',
    grp       TEXT NOT NULL DEFAULT '',
    known     BOOLEAN NOT NULL,
    number    DOUBLE PRECISION NOT NULL DEFAULT 0,
    source    TEXT NOT NULL DEFAULT '',   -- 台账 or the capability
    native    BOOLEAN NOT NULL DEFAULT FALSE,
    note      TEXT NOT NULL DEFAULT '',
    link      TEXT NOT NULL DEFAULT '',
    taken_at  {{ts}} NOT NULL,
    PRIMARY KEY (report_id, snapshot, key)
);

-- What the public portal shows: the text frozen when it was published.
CREATE TABLE report_publications (
    id                {{id}},
    report_id         BIGINT NOT NULL REFERENCES reports(id),
    title             TEXT NOT NULL,
    content           TEXT NOT NULL,   -- JSON: the document with every figure resolved
    published_at      {{ts}} NOT NULL,
    published_by_name TEXT NOT NULL DEFAULT '',
    withdrawn_at      {{ts}},
    withdrawn_by_name TEXT NOT NULL DEFAULT '',
    withdraw_reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_publications_report ON report_publications (report_id);

-- A region's own dates for the report (MM-DD of the following year), when
-- its documents set other dates than the national rules.
CREATE TABLE report_settings (
    region_code TEXT NOT NULL,
    key         TEXT NOT NULL,   -- submit_by | publish_by
    value       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    updated_at  {{ts}} NOT NULL,
    PRIMARY KEY (region_code, key)
);

-- +goose Down
DROP TABLE report_settings;
DROP TABLE report_publications;
DROP TABLE report_figures;
DROP TABLE report_versions;
DROP TABLE report_sections;
DROP TABLE reports;
