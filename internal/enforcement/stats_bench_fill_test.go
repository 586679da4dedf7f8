package enforcement_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"fazhi/internal/org"
)

// The deployment the 统计年报 benchmark fills: a province (云岭省) with its
// departments and eight cities, each with departments and ten counties, each
// county with departments and townships — about 1 950 units, 1 860 of them
// enforcing. The org tree goes through org.Service (paths, history, audit
// as in production); the enforcement records are generated in SQL from
// deterministic hashes of their sequence number, because ten million cases
// through the Go service would take hours.

var (
	benchCities   = []string{"云岭", "青岚", "白沙", "松溪", "临泉", "石岩", "金湖", "碧水"}
	benchCounties = []string{"东", "西", "南", "北", "中", "安", "平", "和", "宁", "丰"}
	benchTowns    = []string{"城关镇", "青山镇", "河口镇", "新桥乡", "石门镇", "柳湾乡"}
	// Departments with their share of the cases (a 市场监管 or 综合执法
	// bureau handles far more than a 教育局).
	benchDepts = []struct {
		Name   string
		Weight int
	}{{"市场监督管理局", 10}, {"综合行政执法局", 10}, {"公安局", 6}, {"交通运输局", 5}, {"生态环境局", 3},
		{"应急管理局", 3}, {"卫生健康委员会", 3}, {"自然资源和规划局", 3}, {"农业农村局", 2}, {"文化广电旅游体育局", 2},
		{"住房和城乡建设局", 2}, {"人力资源和社会保障局", 1}, {"水利局", 1}, {"商务局", 1}, {"教育局", 1}}
	benchUpperDepts = []string{"城市管理局", "林业局", "医疗保障局", "民政局", "统计局"}
)

// benchYears are the years of 立案 and their share of the cases (growing).
var benchYears = []struct {
	Year  int
	Share float64
}{{2021, 0.17}, {2022, 0.19}, {2023, 0.20}, {2024, 0.21}, {2025, 0.23}}

// benchMiddleYear is the year the report is timed for.
const benchMiddleYear = 2023

// benchUnit is an enforcing unit and its weight in the case mix.
type benchUnit struct {
	ID     int64
	Weight int
}

// benchTree creates the org tree and returns the province root, the first
// county's government and the enforcing units.
func benchTree(t testing.TB, ctx context.Context, orgs *org.Service) (root, county int64, units []benchUnit) {
	t.Helper()
	add := func(parent int64, name, short string, level org.Level) int64 {
		u, err := orgs.Create(ctx, parent, org.UnitFields{Name: name, ShortName: short, Level: level, OrgType: org.OrgAdminOrgan})
		if err != nil {
			t.Fatalf("unit %s: %v", name, err)
		}
		return u.ID
	}
	depts := func(parent int64, prefix string, half bool) {
		for _, d := range benchDepts {
			w := d.Weight
			if half {
				w = (w + 1) / 2 // provincial and city bureaux take the larger cases only
			}
			units = append(units, benchUnit{add(parent, prefix+d.Name, "", org.LevelDepartment), w})
		}
	}
	root = add(0, "云岭省人民政府", "", org.LevelGovernment)
	depts(root, "云岭省", true)
	for _, n := range benchUpperDepts {
		units = append(units, benchUnit{add(root, "云岭省"+n, "", org.LevelDepartment), 1})
	}
	for _, city := range benchCities {
		cg := add(root, city+"市人民政府", "", org.LevelGovernment)
		depts(cg, city+"市", true)
		for _, n := range benchUpperDepts {
			units = append(units, benchUnit{add(cg, city+"市"+n, "", org.LevelDepartment), 1})
		}
		for _, c := range benchCounties {
			name := city[:len(city)/2] + c + "县" // 云东县 …
			g := add(cg, name+"人民政府", "", org.LevelGovernment)
			if county == 0 {
				county = g
			}
			for _, d := range benchDepts {
				short := ""
				if d.Name == "市场监督管理局" {
					short = strings.TrimSuffix(name, "县") + "市监" // numbering prefix of the write benchmark
				}
				units = append(units, benchUnit{add(g, name+d.Name, short, org.LevelDepartment), d.Weight})
			}
			for _, tw := range benchTowns {
				units = append(units, benchUnit{add(g, name+tw, "", org.LevelTownship), 1})
			}
		}
	}
	return root, county, units
}

// benchSQL runs the generation statements on one connection (the session
// settings of the load stay on it).
type benchSQL struct {
	t    testing.TB
	ctx  context.Context
	conn *sql.Conn
}

func (b benchSQL) exec(what, q string, args ...any) int64 {
	b.t.Helper()
	t0 := time.Now()
	res, err := b.conn.ExecContext(b.ctx, q, args...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	n, _ := res.RowsAffected()
	if d := time.Since(t0); d > 5*time.Second {
		b.t.Logf("  %s: %d rows in %s", what, n, d.Round(100*time.Millisecond))
	}
	return n
}

// benchFunctions are the schema's helpers for the generation: br(g, k, m)
// is a deterministic pseudo-random integer in [0, m) for row g and stream k.
const benchFunctions = `
CREATE FUNCTION br(g bigint, k int, m int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT ((hashint8extended(g, k) & 2147483647) % m)::int $$;
CREATE TABLE bench_units (unit_id bigint PRIMARY KEY, weight int NOT NULL);
CREATE TABLE bench_slots (slot int PRIMARY KEY, unit_id bigint NOT NULL);
CREATE TABLE bench_items (unit_id bigint NOT NULL, k int NOT NULL, item_id bigint NOT NULL, category text NOT NULL,
	PRIMARY KEY (unit_id, k));
CREATE TABLE bench_fill (cases bigint NOT NULL, inspections_per_case int NOT NULL, root bigint NOT NULL,
	county bigint NOT NULL, filled_at timestamptz NOT NULL)`

// benchRegistry writes a 执法主体 and a published 权责清单 of ten items per
// enforcing unit: six 行政处罚 items, one each 许可, 强制, 检查 and 确认.
func (b benchSQL) benchRegistry(units []benchUnit) {
	var vals []string
	for _, u := range units {
		vals = append(vals, fmt.Sprintf("(%d, %d)", u.ID, u.Weight))
	}
	b.exec("bench units", `INSERT INTO bench_units (unit_id, weight) VALUES `+strings.Join(vals, ", "))
	b.exec("slots", `INSERT INTO bench_slots (slot, unit_id) SELECT (row_number() OVER (ORDER BY unit_id, w) - 1)::int, unit_id
		FROM bench_units, generate_series(1, weight) w`)
	b.exec("subjects", `INSERT INTO enf_subjects (unit_id, name, kind, legal_basis, scope, created_at, updated_at)
		SELECT b.unit_id, u.name, 'authority', '《中华人民共和国行政处罚法》第十七条', '本部门法定职责范围内的行政执法', now(), now()
		FROM bench_units b JOIN units u ON u.id = b.unit_id`)
	b.exec("lists", `INSERT INTO enf_lists (unit_id, version, status, note, created_at, published_at, published_by_name)
		SELECT unit_id, 1, 'published', '初版', now(), now(), '法制机构' FROM bench_units`)
	b.exec("items", `INSERT INTO enf_items (list_id, unit_id, code, name, category, law, article, basis_text, major, hearing, collective, sort_order)
		SELECT l.id, l.unit_id, 'YL' || l.unit_id || '-' || lpad(k::text, 3, '0'),
			(ARRAY['对销售不符合食品安全标准的食品的处罚', '对未取得许可从事经营活动的处罚', '对违反安全生产规定的处罚',
				'对违法排放污染物的处罚', '对超限运输的处罚', '对违反城市管理规定的处罚', '经营许可', '查封、扣押',
				'日常监督检查', '资格确认'])[k + 1],
			(ARRAY['penalty', 'penalty', 'penalty', 'penalty', 'penalty', 'penalty', 'license', 'coercion', 'inspection', 'confirmation'])[k + 1],
			'《中华人民共和国行政处罚法》', '第' || (k + 9) || '条', '违反本法规定的，由有关部门依法予以处罚。',
			k = 5, k < 3, k = 5, k
		FROM enf_lists l CROSS JOIN generate_series(0, 9) k`)
	b.exec("bench items", `INSERT INTO bench_items (unit_id, k, item_id, category) SELECT unit_id, sort_order, id, category FROM enf_items`)
}

// caseGenSQL inserts the cases g in [$1, $2] filed in the year starting on
// $3 ($4 days), numbered from $5 within it ($6 cases that year); $7 is the
// number of unit slots. Filing dates rise with g, as rows arrive in a real
// table. The mix: 80 % 行政处罚 (a third of them 简易程序), 10 % 许可, 6 %
// 强制, 4 % 确认; 6 % of ordinary cases still open; of the decided ordinary
// 处罚 cases 80 % 处罚, 8 % 不予处罚, 4 % 移送, 1.3 % revoked later; 4 %
// 重大 (with 集体讨论), hearings, fines from 50 元 to 1 million, 没收, the
// 处罚内容 naming 警告, 吊销, 停产停业, 拘留 …; 掌上执法 70 % of simple and
// 40 % of ordinary cases.
const caseGenSQL = `
WITH g AS (
	SELECT g, ($3::date + (((g - $1 + $5) * $4) / $6)::int) AS filed,
		br(g, 1, $7) AS slot, br(g, 2, 100) AS rcat, br(g, 3, 1000) AS rmajor, br(g, 4, 100) AS rproc,
		br(g, 5, 1000) AS rout, br(g, 6, 4) AS ropen, br(g, 7, 55) AS rdays, br(g, 8, 100) AS rfine,
		br(g, 9, 1000) AS ramount, br(g, 10, 100) AS rconf, br(g, 11, 100) AS rtext, br(g, 12, 1000) AS rhear,
		br(g, 13, 100) AS rmob, br(g, 14, 100) AS rparty, br(g, 15, 12) AS rtitle, br(g, 16, 100) AS rstate
	FROM generate_series($1::bigint, $2::bigint) g
), c AS (
	SELECT g.*, s.unit_id, it.item_id, it.category, (it.category = 'penalty' AND rproc < 35) AS simple
	FROM g JOIN bench_slots s ON s.slot = g.slot
	JOIN bench_items it ON it.unit_id = s.unit_id
		AND it.k = CASE WHEN rcat < 80 THEN rcat % 6 WHEN rcat < 90 THEN 6 WHEN rcat < 96 THEN 7 ELSE 9 END
), d AS (
	SELECT c.*,
		CASE WHEN simple THEN 'penalty'
			WHEN rout < 60 THEN ''
			WHEN category <> 'penalty' THEN CASE WHEN rout < 900 THEN 'penalty' ELSE 'no_penalty' END
			WHEN rout < 860 THEN 'penalty' WHEN rout < 940 THEN 'no_penalty' WHEN rout < 980 THEN 'transfer'
			WHEN rout < 990 THEN 'penalty' WHEN rout < 993 THEN 'revoked' ELSE 'penalty' END AS decision,
		(NOT simple AND category = 'penalty' AND rout >= 980 AND rout < 993) AS revoked,
		(NOT simple AND category = 'penalty' AND rmajor < 40) AS major
	FROM c
), f AS (
	SELECT d.*,
		CASE WHEN decision <> 'penalty' AND decision <> 'revoked' OR category <> 'penalty' THEN 0
			WHEN simple THEN CASE WHEN rfine < 70 THEN 50 + ramount % 151 ELSE 0 END
			WHEN rfine < 3 THEN 100000 + ramount * 900
			WHEN rfine < 80 THEN 200 + ramount * ramount / 20 ELSE 0 END AS fine_yuan,
		CASE WHEN decision IN ('penalty', 'revoked') AND category = 'penalty' AND NOT simple AND rconf < 8
			THEN 100 + (ramount * 7919) % 5000000 ELSE 0 END AS conf,
		CASE WHEN decision = '' THEN NULL WHEN simple THEN filed ELSE filed + 5 + rdays END AS decided
	FROM d
), p AS (
	SELECT f.*,
		CASE WHEN decision NOT IN ('penalty', 'revoked') OR category <> 'penalty' THEN ''
			WHEN fine_yuan > 0 THEN (ARRAY['', '警告，并处', '没收违法所得，并处', '责令停产停业，并处', '吊销许可证件，并处', '暂扣许可证件，并处'])
				[CASE WHEN rtext < 60 THEN 1 WHEN rtext < 80 THEN 2 WHEN rtext < 90 THEN 3 WHEN rtext < 95 THEN 4 WHEN rtext < 98 THEN 5 ELSE 6 END]
				|| '罚款' || fine_yuan || '元'
			ELSE (ARRAY['警告', '通报批评', '责令改正', '吊销营业执照', '责令停产停业', '行政拘留五日', '没收非法财物'])
				[CASE WHEN rtext < 50 THEN 1 WHEN rtext < 65 THEN 2 WHEN rtext < 75 THEN 3 WHEN rtext < 83 THEN 4
					WHEN rtext < 90 THEN 5 WHEN rtext < 95 THEN 6 ELSE 7 END] END AS penalty_text,
		CASE WHEN decision = '' THEN (ARRAY['filed', 'investigating', 'notified', 'legal_review'])[ropen + 1]
			WHEN revoked OR decision = 'revoked' THEN 'revoked'
			WHEN decision = 'no_penalty' THEN 'no_penalty'
			WHEN decision = 'transfer' THEN 'transferred'
			WHEN category <> 'penalty' OR simple THEN CASE WHEN rstate < 95 THEN 'closed' ELSE 'decided' END
			WHEN rstate < 85 THEN 'closed' WHEN rstate < 93 THEN 'served' WHEN rstate < 97 THEN 'executing' ELSE 'decided' END AS state
	FROM f
)
INSERT INTO enf_cases (unit_id, subject_id, item_id, category, case_no, procedure, state, title, source, party_kind, party_name,
	party_id_sealed, party_id_index, party_address, facts, major, collective, mobile, found_on, filed_on, decided_on, decision,
	decision_no, fine_fen, confiscated_fen, penalty_text, hearing, served_on, paid_on, closed_on, created_by_name, created_at, updated_at)
SELECT unit_id, NULL, item_id, category, 'YL罚〔' || extract(year FROM $3::date) || '〕' || lpad((g - $1 + $5 + 1)::text, 8, '0') || '号',
	CASE WHEN simple THEN 'simple' ELSE 'ordinary' END, state,
	(ARRAY['销售不符合食品安全标准的食品', '未取得营业执照从事经营活动', '占道经营', '违法排放污水', '超限运输', '无证行医',
		'未按规定设置安全警示标志', '擅自改变房屋用途', '非法占用耕地', '违规燃放烟花爆竹', '噪声扰民', '销售假冒伪劣产品'])[rtitle + 1],
	(ARRAY['监督检查发现', '投诉举报', '上级交办', '其他机关移送'])[rparty % 4 + 1],
	CASE WHEN rparty < 60 THEN 'person' ELSE 'org' END,
	CASE WHEN rparty < 60 THEN (ARRAY['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'])[g % 10 + 1] || '某' || (g % 97)
		ELSE '云岭某某商贸有限公司第' || (g % 9973) || '分公司' END,
	CASE WHEN rparty < 60 THEN 'v1:' || md5(g::text) || md5((g + 7)::text) ELSE '91369900MA' || lpad((g % 99999999)::text, 8, '0') END,
	CASE WHEN rparty < 60 THEN md5((g + 13)::text) ELSE '' END,
	'云岭省某某市某某区' || (ARRAY['人民路', '解放路', '中山路', '建设路'])[g % 4 + 1] || (g % 300) || '号',
	'经查，当事人于' || filed || '在其经营场所实施上述违法行为，执法人员现场检查并制作笔录，调取了相关证据，违法事实清楚。',
	major, major, CASE WHEN simple THEN rmob < 70 ELSE rmob < 40 END,
	(filed - 2)::text, filed::text, COALESCE(decided::text, ''), decision,
	CASE WHEN decision = '' THEN '' ELSE 'YL罚决〔' || extract(year FROM decided) || '〕' || g || '号' END,
	fine_yuan * 100, conf, penalty_text,
	decision IN ('penalty', 'revoked') AND category = 'penalty' AND NOT simple AND (rhear < 15 OR (major AND rhear < 200)),
	CASE WHEN state IN ('closed', 'served', 'executing', 'revoked') AND NOT simple THEN (decided + 3)::text
		WHEN decided IS NOT NULL THEN decided::text ELSE '' END,
	CASE WHEN state = 'closed' AND fine_yuan > 0 THEN (decided + CASE WHEN simple THEN 0 ELSE 10 END)::text ELSE '' END,
	CASE WHEN state IN ('closed', 'no_penalty', 'transferred') THEN (decided + CASE WHEN simple THEN 0 ELSE 15 END)::text ELSE '' END,
	'执法人员', filed + time '09:30', COALESCE(decided, filed) + time '16:00'
FROM p`

// inspectionGenSQL inserts inspections g in [$1, $2] of the year starting on
// $3 ($4 days; $5, $6 as for the cases; $7 slots): one row per inspected
// party, 3 % of them a campaign day over several (2–21 户次); half with 掌上执法.
const inspectionGenSQL = `
INSERT INTO enf_inspections (unit_id, item_id, inspected_on, target, visits, mobile, result, created_at)
SELECT s.unit_id, it.item_id, ($3::date + (((g - $1 + $5) * $4) / $6)::int)::text,
	(ARRAY['某某超市', '某某餐馆', '某某加油站', '某某建筑工地', '某某药店', '某某养殖场'])[br(g, 35, 6) + 1] || (g % 997) || '号',
	CASE WHEN br(g, 31, 100) < 97 THEN 1 ELSE 2 + br(g, 32, 20) END, br(g, 33, 100) < 50,
	(ARRAY['未发现问题', '当场责令改正', '责令限期整改', '立案查处', '移送有关部门'])[CASE WHEN br(g, 34, 100) < 70 THEN 1
		WHEN br(g, 34, 100) < 85 THEN 2 WHEN br(g, 34, 100) < 95 THEN 3 WHEN br(g, 34, 100) < 99 THEN 4 ELSE 5 END],
	$3::date + time '10:00'
FROM generate_series($1::bigint, $2::bigint) g JOIN bench_slots s ON s.slot = br(g, 30, $7)
JOIN bench_items it ON it.unit_id = s.unit_id AND it.k = 8`

// The records that follow from the cases: 法制审核 of 97 % of the decided
// 重大 cases; 复议/诉讼 against 70 % of the revoked decisions (which they
// revoked) and 1.2 % of the others (outcomes from 维持 to 撤回, 15 %
// pending); 两法衔接 referrals of 60 % of the 移送 cases.
const (
	reviewGenSQL = `INSERT INTO enf_legal_reviews (case_id, checklist, result, opinion, reviewer_name, reviewed_on, created_at)
	SELECT id, '{"subject":{"ok":true,"note":""},"authority":{"ok":true,"note":""},"facts":{"ok":true,"note":""},"evidence":{"ok":true,"note":""},"basis":{"ok":true,"note":""},"procedure":{"ok":true,"note":""},"discretion":{"ok":true,"note":""},"documents":{"ok":true,"note":""}}',
		'pass', '主体合法，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意。', '法制审核员',
		(decided_on::date - 2)::text, decided_on::date - 2 + time '15:00'
	FROM enf_cases WHERE major AND decided_on <> '' AND br(id, 20, 100) < 97`
	appealGenSQL = `INSERT INTO enf_appeals (case_id, unit_id, kind, organ, filed_on, outcome, decided_on, note, created_by_name, created_at, updated_at)
	SELECT id, unit_id, CASE WHEN rkind < 75 THEN 'reconsideration' ELSE 'litigation' END,
		CASE WHEN rkind < 75 THEN '本级人民政府' ELSE '人民法院' END, filed::text,
		CASE WHEN done > $1::date THEN '' WHEN state = 'revoked' THEN 'revoked' ELSE outcome END,
		CASE WHEN done > $1::date OR (state <> 'revoked' AND outcome = '') THEN '' ELSE done::text END,
		'', '法制机构', filed + time '10:00', filed + time '10:00'
	FROM (SELECT c.id, c.unit_id, c.state, br(c.id, 22, 100) AS rkind, c.decided_on::date + 20 + br(c.id, 23, 40) AS filed,
			c.decided_on::date + 50 + br(c.id, 23, 40) + br(c.id, 24, 60) AS done,
			(ARRAY['', 'upheld', 'dismissed', 'changed', 'illegal', 'perform', 'mediated', 'withdrawn', 'other'])[
				CASE WHEN br(c.id, 25, 100) < 15 THEN 1 WHEN br(c.id, 25, 100) < 70 THEN 2 WHEN br(c.id, 25, 100) < 80 THEN 3
					WHEN br(c.id, 25, 100) < 84 THEN 4 WHEN br(c.id, 25, 100) < 86 THEN 5 WHEN br(c.id, 25, 100) < 87 THEN 6
					WHEN br(c.id, 25, 100) < 92 THEN 7 WHEN br(c.id, 25, 100) < 98 THEN 8 ELSE 9 END] AS outcome
		FROM enf_cases c WHERE c.category = 'penalty' AND c.decided_on <> ''
			AND ((c.state = 'revoked' AND br(c.id, 21, 1000) < 700) OR (c.decision = 'penalty' AND c.state <> 'revoked' AND br(c.id, 21, 1000) < 12))) a
	WHERE filed <= $1::date`
	referralGenSQL = `INSERT INTO enf_referrals (case_id, unit_id, referred_on, receiver, charges, status, status_on, status_note, oversight,
		created_by_name, created_at, updated_at)
	SELECT id, unit_id, decided_on, '同级公安机关', (ARRAY['生产、销售伪劣产品罪', '污染环境罪', '非法经营罪', '非法占用农用地罪'])[br(id, 26, 4) + 1],
		(ARRAY['referred', 'accepted', 'filed', 'not_filed', 'returned'])[br(id, 27, 5) + 1], decided_on, '', '',
		'执法人员', decided_on::date + time '11:00', decided_on::date + time '11:00'
	FROM enf_cases WHERE decision = 'transfer' AND br(id, 28, 100) < 60`
)
