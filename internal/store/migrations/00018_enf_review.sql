-- +goose Up
-- 案卷评查, completing 00014: the date a round's sample was drawn as of
-- (cases closed after it are not eligible, so the draw can be repeated),
-- and the 整改 workflow of a reviewed case: the unit submits its result
-- with evidence, the organiser 销号 or returns it with a comment.
ALTER TABLE enf_review_rounds ADD COLUMN as_of TEXT NOT NULL DEFAULT '';
ALTER TABLE enf_review_rectifications ADD COLUMN submitted_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE enf_review_rectifications ADD COLUMN submitted_at {{ts}};
ALTER TABLE enf_review_rectifications ADD COLUMN review_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE enf_review_rectifications ADD COLUMN updated_at {{ts}};
CREATE INDEX enf_review_rect_unit ON enf_review_rectifications(unit_id, status);
CREATE INDEX enf_review_cases_round ON enf_review_cases(round_id, unit_id, case_id);

-- +goose Down
DROP INDEX enf_review_cases_round;
DROP INDEX enf_review_rect_unit;
ALTER TABLE enf_review_rectifications DROP COLUMN updated_at;
ALTER TABLE enf_review_rectifications DROP COLUMN review_comment;
ALTER TABLE enf_review_rectifications DROP COLUMN submitted_at;
ALTER TABLE enf_review_rectifications DROP COLUMN submitted_by_name;
ALTER TABLE enf_review_rounds DROP COLUMN as_of;
