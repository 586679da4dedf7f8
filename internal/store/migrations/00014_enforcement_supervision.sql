-- +goose Up
-- Enforcement supervision: the 统计年报 rollups maintained on every case
-- write, 复议/诉讼 outcomes of cases, 案卷评查 rounds with their scoring
-- tables, samples, scores and 整改, 两法衔接 referrals and complaints about
-- enforcement. Dates are ISO text; money is in fen.

-- One row per (unit, year, category): the year of 立案 counts the filing
-- columns, the year of the decision counts the others. Writers add deltas
-- (INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n), so concurrent
-- writers never lose an update; RebuildStats recomputes it from enf_cases.
CREATE TABLE enf_stats (
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    year            INTEGER NOT NULL,
    category        TEXT NOT NULL,
    filed           BIGINT NOT NULL DEFAULT 0,  -- 立案
    filed_simple    BIGINT NOT NULL DEFAULT 0,  -- of which 简易程序
    filed_mobile    BIGINT NOT NULL DEFAULT 0,  -- of which 掌上执法
    decided         BIGINT NOT NULL DEFAULT 0,  -- 作出决定 (all kinds)
    dec_penalty     BIGINT NOT NULL DEFAULT 0,  -- 给予处罚 (许可、强制: 作出决定)
    dec_no_penalty  BIGINT NOT NULL DEFAULT 0,  -- 不予处罚
    dec_transfer    BIGINT NOT NULL DEFAULT 0,  -- 移送
    dec_simple      BIGINT NOT NULL DEFAULT 0,  -- decisions by 简易程序
    revoked         BIGINT NOT NULL DEFAULT 0,  -- decisions since revoked
    k_warning       BIGINT NOT NULL DEFAULT 0,  -- 警告、通报批评
    k_fine          BIGINT NOT NULL DEFAULT 0,  -- 罚款
    k_confiscate    BIGINT NOT NULL DEFAULT 0,  -- 没收违法所得、没收非法财物
    k_licence       BIGINT NOT NULL DEFAULT 0,  -- 暂扣、吊销许可证件，降低资质等级
    k_suspend       BIGINT NOT NULL DEFAULT 0,  -- 责令停产停业、责令关闭、限制生产经营、限制从业
    k_detention     BIGINT NOT NULL DEFAULT 0,  -- 行政拘留
    k_other         BIGINT NOT NULL DEFAULT 0,  -- 其他
    hearings        BIGINT NOT NULL DEFAULT 0,  -- 听证
    major           BIGINT NOT NULL DEFAULT 0,  -- 重大执法决定
    major_reviewed  BIGINT NOT NULL DEFAULT 0,  -- of which 法制审核 recorded
    fine_fen        BIGINT NOT NULL DEFAULT 0,
    confiscated_fen BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year, category)
);
CREATE INDEX enf_stats_year ON enf_stats(year, unit_id);

-- Decisions are counted by their year: the rebuild and the direct report
-- group by it, the 案卷评查 sample picks closed cases of a year.
CREATE INDEX enf_cases_decided ON enf_cases(decided_on, unit_id);
CREATE INDEX enf_legal_reviews_done ON enf_legal_reviews(case_id, reviewed_on);
-- 检查户次 per unit and year, read from the index alone.
CREATE INDEX enf_inspections_year ON enf_inspections(inspected_on, unit_id, visits, mobile);
CREATE INDEX enf_publications_decided ON enf_publications(decided_on, unit_id, late);

-- 行政复议 and 行政诉讼 brought against a case's decision, with the outcome.
CREATE TABLE enf_appeals (
    id              {{id}},
    case_id         BIGINT NOT NULL REFERENCES enf_cases(id),
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    kind            TEXT NOT NULL,               -- reconsideration 复议 | litigation 诉讼
    organ           TEXT NOT NULL DEFAULT '',    -- 复议机关 / 人民法院
    filed_on        TEXT NOT NULL,               -- 申请/起诉日期
    outcome         TEXT NOT NULL DEFAULT '',    -- '' pending | upheld 维持 | dismissed 驳回 | revoked 撤销 | changed 变更 | illegal 确认违法 | perform 责令履行 | mediated 调解 | withdrawn 撤回 | other
    decided_on      TEXT NOT NULL DEFAULT '',    -- 复议决定/裁判日期
    note            TEXT NOT NULL DEFAULT '',
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    updated_at      {{ts}} NOT NULL
);
CREATE INDEX enf_appeals_case ON enf_appeals(case_id);
CREATE INDEX enf_appeals_unit ON enf_appeals(unit_id, filed_on);
CREATE INDEX enf_appeals_decided ON enf_appeals(decided_on, unit_id);

-- 案卷评查 rounds: a year's closed cases, a seeded random sample per unit,
-- the grade thresholds and the scoring table copied at creation.
CREATE TABLE enf_review_rounds (
    id              {{id}},
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    seed            BIGINT NOT NULL,
    per_unit        INTEGER NOT NULL,            -- sample size per unit
    excellent_min   DOUBLE PRECISION NOT NULL DEFAULT 90,
    good_min        DOUBLE PRECISION NOT NULL DEFAULT 80,
    pass_min        DOUBLE PRECISION NOT NULL DEFAULT 60,
    status          TEXT NOT NULL DEFAULT 'open', -- open | closed
    scope_path      TEXT NOT NULL DEFAULT '',     -- the organiser's scope
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    closed_at       {{ts}}
);

-- The round's scoring table (评查标准): points per item, a deduction per
-- occurrence and a cap on the item's deductions.
CREATE TABLE enf_review_items (
    round_id      BIGINT NOT NULL REFERENCES enf_review_rounds(id),
    seq           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    points        DOUBLE PRECISION NOT NULL,
    per_deduction DOUBLE PRECISION NOT NULL,
    cap           DOUBLE PRECISION NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, seq)
);

-- The units of a round and how many eligible cases each had.
CREATE TABLE enf_review_units (
    round_id BIGINT NOT NULL REFERENCES enf_review_rounds(id),
    unit_id  BIGINT NOT NULL REFERENCES units(id),
    eligible INTEGER NOT NULL,
    sampled  INTEGER NOT NULL,
    PRIMARY KEY (round_id, unit_id)
);

-- A sampled case and its result once scored.
CREATE TABLE enf_review_cases (
    id            {{id}},
    round_id      BIGINT NOT NULL REFERENCES enf_review_rounds(id),
    unit_id       BIGINT NOT NULL REFERENCES units(id),
    case_id       BIGINT NOT NULL REFERENCES enf_cases(id),
    score         DOUBLE PRECISION,              -- NULL until scored
    grade         TEXT NOT NULL DEFAULT '',      -- excellent | good | pass | fail
    comment       TEXT NOT NULL DEFAULT '',
    reviewer_id   BIGINT REFERENCES users(id),
    reviewer_name TEXT NOT NULL DEFAULT '',
    scored_at     {{ts}},
    UNIQUE (round_id, case_id)
);
CREATE INDEX enf_review_cases_unit ON enf_review_cases(unit_id, round_id);

-- Deductions of a scored case: occurrences of an item and why.
CREATE TABLE enf_review_deductions (
    review_case_id BIGINT NOT NULL REFERENCES enf_review_cases(id),
    seq            INTEGER NOT NULL,
    occurrences    INTEGER NOT NULL,
    points         DOUBLE PRECISION NOT NULL,    -- deducted, after the cap
    reason         TEXT NOT NULL,
    PRIMARY KEY (review_case_id, seq)
);

-- 整改 of a failing case, with its deadline in the monitor.
CREATE TABLE enf_review_rectifications (
    id               {{id}},
    review_case_id   BIGINT NOT NULL REFERENCES enf_review_cases(id),
    unit_id          BIGINT NOT NULL REFERENCES units(id),
    requirement      TEXT NOT NULL,
    days             INTEGER NOT NULL,
    start_on         TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    deadline_item_id BIGINT,
    status           TEXT NOT NULL DEFAULT 'open', -- open 整改中 | closed 已销号
    result           TEXT NOT NULL DEFAULT '',
    closed_on        TEXT NOT NULL DEFAULT '',
    closed_by_name   TEXT NOT NULL DEFAULT '',
    created_by_name  TEXT NOT NULL DEFAULT '',
    created_at       {{ts}} NOT NULL
);
CREATE INDEX enf_review_rect_case ON enf_review_rectifications(review_case_id);

-- 两法衔接: a case referred to public security as a suspected crime.
CREATE TABLE enf_referrals (
    id                 {{id}},
    case_id            BIGINT NOT NULL REFERENCES enf_cases(id),
    unit_id            BIGINT NOT NULL REFERENCES units(id),
    referred_on        TEXT NOT NULL,
    receiver           TEXT NOT NULL,            -- 接收的公安机关
    charges            TEXT NOT NULL,            -- 涉嫌罪名
    status             TEXT NOT NULL,            -- referred | accepted | refused | filed | not_filed | returned
    status_on          TEXT NOT NULL,
    status_note        TEXT NOT NULL DEFAULT '',
    oversight          TEXT NOT NULL DEFAULT '', -- 检察监督
    created_by_name    TEXT NOT NULL DEFAULT '',
    created_at         {{ts}} NOT NULL,
    updated_at         {{ts}} NOT NULL
);
CREATE INDEX enf_referrals_unit ON enf_referrals(unit_id, referred_on);
CREATE INDEX enf_referrals_case ON enf_referrals(case_id);

-- The steps of a referral, for its history.
CREATE TABLE enf_referral_steps (
    id          {{id}},
    referral_id BIGINT NOT NULL REFERENCES enf_referrals(id),
    status      TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    actor_name  TEXT NOT NULL DEFAULT '',
    at          {{ts}} NOT NULL
);
CREATE INDEX enf_referral_steps_ref ON enf_referral_steps(referral_id, id);

-- 投诉举报 about enforcement. The complainant's phone is sealed; names are
-- shown masked in lists.
CREATE TABLE enf_complaints (
    id               {{id}},
    unit_id          BIGINT NOT NULL REFERENCES units(id),  -- 被投诉单位
    handler_unit_id  BIGINT NOT NULL REFERENCES units(id),  -- 承办单位 (owns the reply deadline)
    case_id          BIGINT REFERENCES enf_cases(id),
    received_on      TEXT NOT NULL,
    channel          TEXT NOT NULL,
    complainant      TEXT NOT NULL,
    phone_sealed     TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'accepted',     -- accepted 受理 | investigating 调查 | closed 办结
    due_on           TEXT NOT NULL,
    deadline_item_id BIGINT,
    result           TEXT NOT NULL DEFAULT '',
    closed_on        TEXT NOT NULL DEFAULT '',
    created_by_name  TEXT NOT NULL DEFAULT '',
    created_at       {{ts}} NOT NULL,
    updated_at       {{ts}} NOT NULL
);
CREATE INDEX enf_complaints_unit ON enf_complaints(unit_id, received_on);

-- +goose Down
DROP TABLE enf_complaints;
DROP TABLE enf_referral_steps;
DROP TABLE enf_referrals;
DROP TABLE enf_review_rectifications;
DROP TABLE enf_review_deductions;
DROP TABLE enf_review_cases;
DROP TABLE enf_review_units;
DROP TABLE enf_review_items;
DROP TABLE enf_review_rounds;
DROP TABLE enf_appeals;
DROP INDEX enf_publications_decided;
DROP INDEX enf_inspections_year;
DROP INDEX enf_legal_reviews_done;
DROP INDEX enf_cases_decided;
DROP TABLE enf_stats;
