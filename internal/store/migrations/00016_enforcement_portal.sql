-- +goose Up
-- The public 公示 search pages the decisions that are not withdrawn, newest
-- first, by period and by unit, and checks a keyword against the title and
-- 文号. These two indexes hold all of it in date order (id after the date
-- keeps newest-first exact), so a page walks an index and reads the table
-- only for the twenty rows it shows. The date leads, not the withdrawal:
-- without histograms SQLite would take "withdrawn_on = ''" for a selective
-- condition and scan every row behind it.
DROP INDEX enf_publications_unit;
DROP INDEX enf_publications_date;
CREATE INDEX enf_publications_public ON enf_publications(decided_on, id, withdrawn_on, title, decision_no);
CREATE INDEX enf_publications_unit_public ON enf_publications(unit_id, decided_on, id, withdrawn_on, title, decision_no);

-- Search terms of each publication's title and 决定书文号: every pair of
-- adjacent Chinese characters and every run of letters or digits, so a
-- keyword search reads the index instead of every row (written with the
-- publication, see internal/enforcement/portal_terms.go).
CREATE TABLE enf_publication_terms (
    term           TEXT NOT NULL,
    publication_id BIGINT NOT NULL REFERENCES enf_publications(id),
    PRIMARY KEY (term, publication_id)
);
CREATE INDEX enf_publication_terms_pub ON enf_publication_terms(publication_id);

-- +goose Down
DROP TABLE enf_publication_terms;
DROP INDEX enf_publications_unit_public;
DROP INDEX enf_publications_public;
CREATE INDEX enf_publications_unit ON enf_publications(unit_id, decided_on);
CREATE INDEX enf_publications_date ON enf_publications(decided_on);
