-- +goose Up
-- The public 公示 search counts and pages the decisions that are not
-- withdrawn, by period and by unit; these indexes answer both from the
-- index alone.
CREATE INDEX enf_publications_public ON enf_publications(withdrawn_on, decided_on);
CREATE INDEX enf_publications_unit_public ON enf_publications(unit_id, withdrawn_on, decided_on);

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
