-- +goose Up
-- Administrative enforcement (行政执法): subjects, officers, the power list
-- with its discretion standards, cases with their steps, evidence, documents,
-- 法制审核, publications (公示) and inspections. Dates are ISO text
-- (YYYY-MM-DD, the legal calendar's unit); money is in fen (分).

-- 执法主体: a body entitled to enforce (法定行政机关, 授权组织, 受委托组织).
CREATE TABLE enf_subjects (
    id          {{id}},
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,                -- authority | authorised | entrusted
    legal_basis TEXT NOT NULL DEFAULT '',     -- 设立及职权依据
    scope       TEXT NOT NULL DEFAULT '',     -- 执法领域/职权范围
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  {{ts}} NOT NULL,
    updated_at  {{ts}} NOT NULL,
    UNIQUE (unit_id, name)
);

-- 执法人员 with the fields printed on a 行政执法证. The 身份证号 and phone are
-- sealed (internal/privacy); id_index is the blind index for lookups.
CREATE TABLE enf_officers (
    id             {{id}},
    unit_id        BIGINT NOT NULL REFERENCES units(id),
    subject_id     BIGINT REFERENCES enf_subjects(id),
    user_id        BIGINT REFERENCES users(id),   -- the officer's account, if any
    name           TEXT NOT NULL,
    sex            TEXT NOT NULL DEFAULT '',
    id_sealed      TEXT NOT NULL DEFAULT '',
    id_index       TEXT NOT NULL DEFAULT '',
    phone_sealed   TEXT NOT NULL DEFAULT '',
    position       TEXT NOT NULL DEFAULT '',      -- 职务
    cert_no        TEXT NOT NULL,                 -- 执法证号
    cert_authority TEXT NOT NULL DEFAULT '',      -- 发证机关
    law_area       TEXT NOT NULL DEFAULT '',      -- 执法类别/执法区域
    issued_on      TEXT NOT NULL DEFAULT '',
    valid_until    TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'active', -- active 在岗 | suspended 暂扣 | revoked 注销
    status_note    TEXT NOT NULL DEFAULT '',
    created_at     {{ts}} NOT NULL,
    updated_at     {{ts}} NOT NULL,
    UNIQUE (cert_no)
);
CREATE INDEX enf_officers_unit ON enf_officers(unit_id);
CREATE INDEX enf_officers_id_index ON enf_officers(id_index);

-- Yearly training (学时) per officer.
CREATE TABLE enf_training (
    id         {{id}},
    officer_id BIGINT NOT NULL REFERENCES enf_officers(id),
    year       INTEGER NOT NULL,
    held_on    TEXT NOT NULL,
    course     TEXT NOT NULL,
    hours      DOUBLE PRECISION NOT NULL,
    created_at {{ts}} NOT NULL
);
CREATE INDEX enf_training_officer ON enf_training(officer_id, year);

-- Settings by region (inherited down the region codes): the yearly training
-- requirement, 公示 limits … Keys are documented in internal/enforcement.
CREATE TABLE enf_settings (
    region_code TEXT NOT NULL,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',   -- the local rule it follows
    updated_at  {{ts}} NOT NULL,
    PRIMARY KEY (region_code, key)
);

-- 权责清单: a unit's power list in versions. Editing works on a draft
-- version; publishing it supersedes the published one. Cases keep pointing
-- at the item of the version they were decided under.
CREATE TABLE enf_lists (
    id           {{id}},
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft',  -- draft | published | superseded
    note         TEXT NOT NULL DEFAULT '',
    created_at   {{ts}} NOT NULL,
    published_at {{ts}},
    published_by_name TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_id, version)
);

-- 执法事项.
CREATE TABLE enf_items (
    id          {{id}},
    list_id     BIGINT NOT NULL REFERENCES enf_lists(id),
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    code        TEXT NOT NULL,                   -- 事项编码
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,                   -- penalty | license | coercion | inspection | levy | confirmation | other
    law         TEXT NOT NULL DEFAULT '',        -- 依据法律法规名称
    article     TEXT NOT NULL DEFAULT '',        -- 条款
    basis_text  TEXT NOT NULL DEFAULT '',        -- 条文内容
    major       BOOLEAN NOT NULL DEFAULT FALSE,  -- on the 重大执法决定 list: 法制审核 required
    hearing     BOOLEAN NOT NULL DEFAULT FALSE,  -- may give 听证 rights (处罚法63)
    collective  BOOLEAN NOT NULL DEFAULT FALSE,  -- 集体讨论 required (处罚法57)
    sort_order  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (list_id, code)
);
CREATE INDEX enf_items_unit ON enf_items(unit_id);

-- 裁量基准: circumstances → outcome and range. list_kind marks the rows
-- that form the 免罚清单 (exempt) or 轻罚清单 (lenient).
CREATE TABLE enf_discretion (
    id           {{id}},
    item_id      BIGINT NOT NULL REFERENCES enf_items(id),
    seq          INTEGER NOT NULL,
    circumstance TEXT NOT NULL,                  -- 情节
    level        TEXT NOT NULL,                  -- none 不予处罚 | mitigated 减轻 | lighter 从轻 | general 一般 | heavier 从重
    min_fen      BIGINT,                         -- fine range, NULL when no fine
    max_fen      BIGINT,
    other        TEXT NOT NULL DEFAULT '',       -- other penalties (警告, 没收 …)
    list_kind    TEXT NOT NULL DEFAULT '',       -- '' | exempt 免罚 | lenient 轻罚
    UNIQUE (item_id, seq)
);

-- Cases (行政处罚 and the other categories recorded as cases). state follows
-- the machine in internal/enforcement/casestate.go.
CREATE TABLE enf_cases (
    id              {{id}},
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    subject_id      BIGINT REFERENCES enf_subjects(id),
    item_id         BIGINT REFERENCES enf_items(id),
    category        TEXT NOT NULL DEFAULT 'penalty',
    case_no         TEXT NOT NULL,                 -- 案号, unique
    procedure       TEXT NOT NULL,                 -- simple 简易 | ordinary 普通
    state           TEXT NOT NULL,
    title           TEXT NOT NULL,                 -- 案由
    source          TEXT NOT NULL DEFAULT '',      -- 案件来源: 检查发现, 投诉举报, 移送, 上级交办 …
    party_kind      TEXT NOT NULL DEFAULT 'person',-- person | org
    party_name      TEXT NOT NULL,
    party_id_sealed TEXT NOT NULL DEFAULT '',      -- 身份证号 / 统一社会信用代码 (sealed for persons)
    party_id_index  TEXT NOT NULL DEFAULT '',
    party_phone_sealed TEXT NOT NULL DEFAULT '',
    party_address   TEXT NOT NULL DEFAULT '',
    facts           TEXT NOT NULL DEFAULT '',      -- 违法事实
    major           BOOLEAN NOT NULL DEFAULT FALSE,-- 重大执法决定: 法制审核 required
    collective      BOOLEAN NOT NULL DEFAULT FALSE,-- 集体讨论 required
    mobile          BOOLEAN NOT NULL DEFAULT FALSE,-- recorded with 掌上执法 (mobile)
    found_on        TEXT NOT NULL DEFAULT '',      -- 发现日期
    filed_on        TEXT NOT NULL DEFAULT '',      -- 立案日期
    decided_on      TEXT NOT NULL DEFAULT '',
    decision        TEXT NOT NULL DEFAULT '',      -- penalty | no_penalty | transfer | revoked …
    decision_no     TEXT NOT NULL DEFAULT '',      -- 决定书文号
    fine_fen        BIGINT NOT NULL DEFAULT 0,
    confiscated_fen BIGINT NOT NULL DEFAULT 0,     -- 没收违法所得/非法财物 (折价)
    penalty_text    TEXT NOT NULL DEFAULT '',      -- 处罚内容
    discretion_id   BIGINT REFERENCES enf_discretion(id),
    departure_reason TEXT NOT NULL DEFAULT '',     -- why the penalty leaves the 裁量基准 range
    hearing         BOOLEAN NOT NULL DEFAULT FALSE,-- a 听证 was held
    served_on       TEXT NOT NULL DEFAULT '',
    paid_on         TEXT NOT NULL DEFAULT '',
    closed_on       TEXT NOT NULL DEFAULT '',
    batch_id        BIGINT,                        -- the import batch that created it
    created_by      BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      {{ts}} NOT NULL,
    updated_at      {{ts}} NOT NULL,
    UNIQUE (case_no)
);
CREATE INDEX enf_cases_unit ON enf_cases(unit_id, filed_on);
CREATE INDEX enf_cases_state ON enf_cases(state);

-- Officers on a case (at least two for investigation, 处罚法42/55), with the
-- record that they showed their certificates (亮证).
CREATE TABLE enf_case_officers (
    case_id    BIGINT NOT NULL REFERENCES enf_cases(id),
    officer_id BIGINT NOT NULL REFERENCES enf_officers(id),
    role       TEXT NOT NULL DEFAULT 'handler',  -- lead 主办 | handler 协办
    shown_cert BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (case_id, officer_id)
);

-- The case timeline: every step, who took it, when, from which state.
-- data holds the step's details as JSON (checklist, hearing record …).
CREATE TABLE enf_case_events (
    id         {{id}},
    case_id    BIGINT NOT NULL REFERENCES enf_cases(id),
    step       TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL,
    on_date    TEXT NOT NULL,                   -- the legal date of the step
    note       TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL DEFAULT '{}',
    actor_id   BIGINT REFERENCES users(id),
    actor_name TEXT NOT NULL DEFAULT '',
    at         {{ts}} NOT NULL
);
CREATE INDEX enf_case_events_case ON enf_case_events(case_id, id);

-- 全过程记录: evidence files with capture metadata (the file's hash lives in
-- attachments).
CREATE TABLE enf_evidence (
    id            {{id}},
    case_id       BIGINT NOT NULL REFERENCES enf_cases(id),
    event_id      BIGINT REFERENCES enf_case_events(id),
    attachment_id BIGINT NOT NULL REFERENCES attachments(id),
    kind          TEXT NOT NULL,                -- photo | audio | video | document | record
    step          TEXT NOT NULL DEFAULT '',
    captured_at   TEXT NOT NULL DEFAULT '',     -- ISO date-time from the device
    captured_by   TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    device        TEXT NOT NULL DEFAULT '',     -- 执法记录仪编号, 手机 …
    note          TEXT NOT NULL DEFAULT '',
    created_at    {{ts}} NOT NULL
);
CREATE INDEX enf_evidence_case ON enf_evidence(case_id);

-- 文书 issued for a case (numbered when issued; the text is generated from
-- the case data at that moment and kept as an attachment).
CREATE TABLE enf_documents (
    id            {{id}},
    case_id       BIGINT NOT NULL REFERENCES enf_cases(id),
    kind          TEXT NOT NULL,               -- filing_form 立案审批表 | notice 告知书 | decision 决定书 | service 送达回证 …
    doc_no        TEXT NOT NULL DEFAULT '',
    attachment_id BIGINT REFERENCES attachments(id),
    issued_on     TEXT NOT NULL,
    issued_by_name TEXT NOT NULL DEFAULT '',
    created_at    {{ts}} NOT NULL
);
CREATE INDEX enf_documents_case ON enf_documents(case_id);

-- 法制审核 of a 重大执法决定: the reviewer's checklist and opinion.
CREATE TABLE enf_legal_reviews (
    id            {{id}},
    case_id       BIGINT NOT NULL REFERENCES enf_cases(id),
    checklist     TEXT NOT NULL,               -- JSON {"subject":{"ok":true,"note":""}, …} 主体 权限 事实 证据 依据 程序 裁量 文书
    result        TEXT NOT NULL,               -- pass 同意 | amend 补正 | reject 不同意
    opinion       TEXT NOT NULL,
    reviewer_id   BIGINT REFERENCES users(id),
    reviewer_name TEXT NOT NULL DEFAULT '',
    reviewed_on   TEXT NOT NULL,
    created_at    {{ts}} NOT NULL
);
CREATE INDEX enf_legal_reviews_case ON enf_legal_reviews(case_id);

-- 事后公示 of decisions: the masked text as published, its due date from
-- the calendar engine, withdrawal when the decision is revoked.
CREATE TABLE enf_publications (
    id            {{id}},
    case_id       BIGINT NOT NULL REFERENCES enf_cases(id),
    unit_id       BIGINT NOT NULL REFERENCES units(id),
    item_id       BIGINT REFERENCES enf_items(id),
    category      TEXT NOT NULL,
    title         TEXT NOT NULL,                -- masked
    body          TEXT NOT NULL,                -- masked decision summary
    decision_no   TEXT NOT NULL DEFAULT '',
    decided_on    TEXT NOT NULL,
    due_on        TEXT NOT NULL,                -- last day to publish (local rule, working days)
    published_on  TEXT NOT NULL,
    late          BOOLEAN NOT NULL DEFAULT FALSE,
    withdrawn_on  TEXT NOT NULL DEFAULT '',
    withdraw_reason TEXT NOT NULL DEFAULT '',
    created_at    {{ts}} NOT NULL,
    UNIQUE (case_id)
);
CREATE INDEX enf_publications_unit ON enf_publications(unit_id, decided_on);
CREATE INDEX enf_publications_date ON enf_publications(decided_on);

-- 行政检查 counted in 户次 (one row per inspected party and visit).
CREATE TABLE enf_inspections (
    id         {{id}},
    unit_id    BIGINT NOT NULL REFERENCES units(id),
    item_id    BIGINT REFERENCES enf_items(id),
    inspected_on TEXT NOT NULL,
    target     TEXT NOT NULL,                  -- 检查对象
    visits     INTEGER NOT NULL DEFAULT 1,     -- 户次
    mobile     BOOLEAN NOT NULL DEFAULT FALSE,
    result     TEXT NOT NULL DEFAULT '',       -- 未发现问题 | 责令整改 | 立案 …
    case_id    BIGINT REFERENCES enf_cases(id),
    created_at {{ts}} NOT NULL
);
CREATE INDEX enf_inspections_unit ON enf_inspections(unit_id, inspected_on);

-- +goose Down
DROP TABLE enf_inspections;
DROP TABLE enf_publications;
DROP TABLE enf_legal_reviews;
DROP TABLE enf_documents;
DROP TABLE enf_evidence;
DROP TABLE enf_case_events;
DROP TABLE enf_case_officers;
DROP TABLE enf_cases;
DROP TABLE enf_discretion;
DROP TABLE enf_items;
DROP TABLE enf_lists;
DROP TABLE enf_settings;
DROP TABLE enf_training;
DROP TABLE enf_officers;
DROP TABLE enf_subjects;
