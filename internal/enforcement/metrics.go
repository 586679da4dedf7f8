package enforcement

import (
	"context"
	"fmt"
	"time"

	"fazhi/internal/metric"
)

// The enforcement figures for indicators and the annual report. Those with a
// 台账 field of the same key replace the manual value once records exist;
// the others are new. All count a unit with its subtree for a calendar year
// (decisions by their decision date, inspections by theirs).
const groupEnforce = "行政执法"

type enfMetric struct {
	m   metric.Metric
	get func(ctx context.Context, s *Service, path string, year int) (float64, bool, error)
}

func (s *Service) count(ctx context.Context, q string, args ...any) (float64, error) {
	var n float64
	err := s.DB.Read().QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

func yearRange(y int) (string, string) { return fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y) }

const caseInScope = ` FROM enf_cases c WHERE c.unit_id IN (SELECT id FROM units WHERE path LIKE ?) `

var enfMetrics = []enfMetric{
	{metric.Metric{Key: "enforce.penalties", Name: "行政处罚案件", Unit: "件", Kind: metric.KindCount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "全年作出行政处罚决定的案件数（含简易程序，按决定日期），取自执法案件记录"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			from, to := yearRange(y)
			n, err := s.count(ctx, `SELECT COUNT(*)`+caseInScope+`AND c.decision = 'penalty' AND c.decided_on >= ? AND c.decided_on <= ?`, path+"%", from, to)
			return n, n > 0, err
		}},
	{metric.Metric{Key: "enforce.fines", Name: "罚没款金额", Unit: "万元", Kind: metric.KindAmount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "全年行政处罚决定的罚款与没收违法所得金额合计（万元），取自执法案件记录；已撤销的决定不计"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			from, to := yearRange(y)
			n, err := s.count(ctx, `SELECT COALESCE(SUM(c.fine_fen + c.confiscated_fen), 0)`+caseInScope+
				`AND c.decision = 'penalty' AND c.state <> 'revoked' AND c.decided_on >= ? AND c.decided_on <= ?`, path+"%", from, to)
			return n / 1000000, n > 0, err
		}},
	{metric.Metric{Key: "enforce.inspections", Name: "行政检查户次", Unit: "户次", Kind: metric.KindCount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "全年登记的行政检查户次，取自行政检查记录（随每次登记更新的年度汇总）"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			n, err := s.count(ctx, `SELECT COALESCE(SUM(i.visits), 0) FROM enf_inspection_stats i
				WHERE i.unit_id IN (SELECT id FROM units WHERE path LIKE ?) AND i.year = ?`, path+"%", y)
			return n, n > 0, err
		}},
	{metric.Metric{Key: "enforce.mobile_rate", Name: "掌上执法率", Unit: "%", Kind: metric.KindRate, Aggregate: metric.AggNone,
		Group: groupEnforce, Owner: groupEnforce, Doc: "行政检查户次中使用掌上执法终端记录的比例，取自行政检查记录"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			var all, mobile float64
			err := s.DB.Read().QueryRowContext(ctx, `SELECT COALESCE(SUM(i.visits), 0), COALESCE(SUM(i.visits_mobile), 0)
				FROM enf_inspection_stats i WHERE i.unit_id IN (SELECT id FROM units WHERE path LIKE ?) AND i.year = ?`,
				path+"%", y).Scan(&all, &mobile)
			if err != nil || all == 0 {
				return 0, false, err
			}
			return mobile * 100 / all, true, nil
		}},
	{metric.Metric{Key: "enforce.officers", Name: "持证执法人员", Unit: "人", Kind: metric.KindCount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "年末（当年为今天）在岗且执法证在有效期内的人员数，取自执法人员名册"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			day := s.yearDay(y)
			n, err := s.count(ctx, `SELECT COUNT(*) FROM enf_officers o WHERE o.unit_id IN (SELECT id FROM units WHERE path LIKE ?)
				AND o.status = 'active' AND o.issued_on <= ? AND o.valid_until >= ?`, path+"%", day, day)
			return n, n > 0, err
		}},
	{metric.Metric{Key: "enforce.cert_rate", Name: "持证率", Unit: "%", Kind: metric.KindRate, Aggregate: metric.AggNone,
		Group: groupEnforce, Owner: groupEnforce, Doc: "在岗且执法证有效的人员 ÷ 执法岗位在编人数（各单位填报编制数），年末（当年为今天）"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			rates, err := s.CertRates(ctx, path, s.yearDay(y))
			if err != nil {
				return 0, false, err
			}
			t := CertRateTotal(rates)
			if !t.HasPosts || t.Posts == 0 {
				return 0, false, nil
			}
			return float64(t.Certified) * 100 / float64(t.Posts), true, nil
		}},
	{metric.Metric{Key: "enforce.publicity_timely_rate", Name: "行政处罚决定公示及时率", Unit: "%", Kind: metric.KindRate, Aggregate: metric.AggNone,
		Group: groupEnforce, Owner: groupEnforce, Doc: "当年作出并公示的处罚决定中，在本地区规定的工作日期限内公示的比例"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			from, to := yearRange(y)
			var all, late float64
			err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.late THEN 1 ELSE 0 END), 0) FROM enf_publications p
				WHERE p.unit_id IN (SELECT id FROM units WHERE path LIKE ?) AND p.decided_on >= ? AND p.decided_on <= ?`, path+"%", from, to).Scan(&all, &late)
			if err != nil || all == 0 {
				return 0, false, err
			}
			return (all - late) * 100 / all, true, nil
		}},
	{metric.Metric{Key: "enforce.legal_review_rate", Name: "重大执法决定法制审核率", Unit: "%", Kind: metric.KindRate, Aggregate: metric.AggNone,
		Group: groupEnforce, Owner: groupEnforce, Doc: "当年作出决定的重大执法案件中，决定前经法制审核同意的比例"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			from, to := yearRange(y)
			var all, reviewed float64
			err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM enf_legal_reviews r
				WHERE r.case_id = c.id AND r.result = 'pass' AND r.reviewed_on <= c.decided_on) THEN 1 ELSE 0 END), 0)`+caseInScope+
				`AND c.major = ? AND c.decided_on >= ? AND c.decided_on <= ?`, path+"%", true, from, to).Scan(&all, &reviewed)
			if err != nil || all == 0 {
				return 0, false, err
			}
			return reviewed * 100 / all, true, nil
		}},
	{metric.Metric{Key: "enforce.transfers", Name: "“两法衔接”移送涉嫌犯罪案件", Unit: "件", Kind: metric.KindCount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "当年立案、办理中决定移送司法机关的案件数，取自执法案件记录"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			from, to := yearRange(y)
			n, err := s.count(ctx, `SELECT COUNT(*)`+caseInScope+`AND c.state = 'transferred' AND c.filed_on >= ? AND c.filed_on <= ?`, path+"%", from, to)
			return n, n > 0, err
		}},
	{metric.Metric{Key: "enforce.case_reviews", Name: "评查行政执法案卷", Unit: "卷", Kind: metric.KindCount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "已结束的案卷评查中评定等次的本单位案卷数，按评查年度（被评查案卷的结案年度），取自案卷评查记录"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			n, _, _, err := s.reviewCounts(ctx, path, y)
			return n, n > 0, err
		}},
	{metric.Metric{Key: "enforce.excellent_cases", Name: "评查优秀案卷", Unit: "卷", Kind: metric.KindCount, Aggregate: metric.AggSum,
		Group: groupEnforce, Owner: groupEnforce, Doc: "已结束的案卷评查中评定为优秀的案卷数，按评查年度，取自案卷评查记录"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			n, exc, _, err := s.reviewCounts(ctx, path, y)
			return exc, n > 0, err
		}},
	{metric.Metric{Key: "enforce.review_good_rate", Name: "案卷评查优良率", Unit: "%", Kind: metric.KindRate, Aggregate: metric.AggNone,
		Group: groupEnforce, Owner: groupEnforce, Doc: "（评定为优秀的案卷 + 良好的案卷）÷ 评查案卷数，只计已结束的案卷评查，按评查年度（被评查案卷的结案年度），取自案卷评查记录"},
		func(ctx context.Context, s *Service, path string, y int) (float64, bool, error) {
			n, exc, good, err := s.reviewCounts(ctx, path, y)
			if err != nil || n == 0 {
				return 0, false, err
			}
			r, _ := GoodRate(int(exc), int(good), int(n))
			return r, true, nil
		}},
}

// yearDay is the day a year's stock figures are taken: 31 December, or
// today during the year.
func (s *Service) yearDay(y int) string {
	today := s.now().In(regCST).Format(time.DateOnly)
	if end := fmt.Sprintf("%d-12-31", y); end < today {
		return end
	}
	return today
}

// reviewCounts are the case files of units under path graded in closed
// 案卷评查 rounds of year: all, 优秀, 良好.
func (s *Service) reviewCounts(ctx context.Context, path string, y int) (n, excellent, good float64, err error) {
	err = s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN rc.grade = 'excellent' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN rc.grade = 'good' THEN 1 ELSE 0 END), 0)
		FROM enf_review_cases rc JOIN enf_review_rounds r ON r.id = rc.round_id
		WHERE r.status = 'closed' AND r.year = ? AND rc.score IS NOT NULL
		AND rc.unit_id IN (SELECT id FROM units WHERE path LIKE ?)`, y, path+"%").Scan(&n, &excellent, &good)
	return
}

// RegisterMetrics registers the enforcement figures (处罚件数, 罚没金额, 检查户次,
// 持证人员, 持证率, 公示及时率, 法制审核率, 掌上执法率, 移送, 评查案卷, 优秀案卷,
// 案卷评查优良率) in the registry.
func (s *Service) RegisterMetrics(reg *metric.Registry) error {
	for _, em := range enfMetrics {
		get := em.get
		src := func(ctx context.Context, unitID int64, p metric.Period) (metric.Value, error) {
			u, err := s.Org.Get(ctx, unitID)
			if err != nil {
				return metric.Value{}, err
			}
			n, ok, err := get(ctx, s, u.Path, p.Year)
			if err != nil {
				return metric.Value{}, err
			}
			return metric.Value{Number: n, Known: ok, From: groupEnforce, Note: "按执法记录统计"}, nil
		}
		if err := reg.Register(em.m, src); err != nil {
			return err
		}
	}
	return nil
}
