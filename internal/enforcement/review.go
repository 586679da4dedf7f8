package enforcement

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// 案卷评查 rounds: the organiser (法治办) picks a year and the units of its
// scope; the closed cases of each unit are sampled reproducibly from a
// recorded seed; reviewers score the sampled case files against the
// round's own copy of the scoring table; failing files get 整改.

// Object types of 案卷评查 in the audit log, the monitor and attachments.
const (
	ObjectReviewRound = "enf_review_round"
	ObjectReviewCase  = "enf_review_case"
	ObjectReviewRect  = "enf_review_rect"
)

// Limits of a round.
const (
	MaxReviewPerUnit = 100
	maxReviewSeed    = 999_999_999_999 // twelve digits: readable and exact in a spreadsheet
)

// ReviewRound is a 案卷评查 round with its progress.
type ReviewRound struct {
	ID            int64
	Year          int
	Title         string
	Seed          int64
	PerUnit       int
	Thresholds    ReviewThresholds
	Closed        bool
	ScopePath     string // the organiser's scope
	ScopeName     string
	AsOf          string // cases closed after this day were not eligible
	CreatedByName string
	CreatedAt     time.Time
	ClosedAt      time.Time

	Units, Eligible, Sampled, Scored int
}

// StatusLabel is 评查中 or 已结束.
func (r ReviewRound) StatusLabel() string {
	if r.Closed {
		return "已结束"
	}
	return "评查中"
}

// Progress is the share of sampled files scored, in percent.
func (r ReviewRound) Progress() int {
	if r.Sampled == 0 {
		return 0
	}
	return r.Scored * 100 / r.Sampled
}

// ReviewRoundInput opens a round. Seed "" draws a fresh one; UnitIDs nil
// takes every unit of the scope with eligible cases.
type ReviewRoundInput struct {
	Year       int
	Title      string
	PerUnit    int
	Seed       string
	UnitIDs    []int64
	Thresholds ReviewThresholds
	Items      []ReviewItem
}

// EligibleUnit is a unit with its closed cases of a year.
type EligibleUnit struct {
	UnitID   int64
	UnitName string
	UnitPath string
	Cases    int
}

// reviewEligibleWhere selects the cases a round may sample: closed (结案,
// or 不予处罚 which ends the case) with the day they ended in the year and
// not after the round's as-of day.
const reviewEligibleWhere = ` FROM enf_cases c JOIN units u ON u.id = c.unit_id
	WHERE u.path LIKE ? AND c.state IN ('closed', 'no_penalty')
	AND (CASE WHEN c.closed_on <> '' THEN c.closed_on ELSE c.decided_on END) >= ?
	AND (CASE WHEN c.closed_on <> '' THEN c.closed_on ELSE c.decided_on END) <= ? `

func reviewEligibleArgs(scope string, year int, asOf string) []any {
	from, _ := yearBounds(year)
	to := fmt.Sprintf("%d-12-31", year)
	if asOf < to {
		to = asOf
	}
	return []any{scope + "%", from, to}
}

// EligibleUnits lists the units under scope with closed cases in year, for
// the new-round form.
func (s *Service) EligibleUnits(ctx context.Context, scope string, year int) ([]EligibleUnit, error) {
	return eligibleUnits(ctx, s.DB.Read(), scope, year, s.todayDate().String())
}

func eligibleUnits(ctx context.Context, q store.Querier, scope string, year int, asOf string) ([]EligibleUnit, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.name, u.path, COUNT(*)`+reviewEligibleWhere+
		`GROUP BY u.id, u.name, u.path ORDER BY u.path`, reviewEligibleArgs(scope, year, asOf)...)
	if err != nil {
		return nil, fmt.Errorf("eligible units: %w", err)
	}
	defer rows.Close()
	var out []EligibleUnit
	for rows.Next() {
		var e EligibleUnit
		if err := rows.Scan(&e.UnitID, &e.UnitName, &e.UnitPath, &e.Cases); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// eligibleCases returns the eligible case ids of one unit, ascending.
func eligibleCases(ctx context.Context, q store.Querier, unitID int64, year int, asOf string) ([]int64, error) {
	args := append(reviewEligibleArgs("", year, asOf), unitID)
	rows, err := q.QueryContext(ctx, `SELECT c.id`+reviewEligibleWhere+`AND c.unit_id = ? ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("eligible cases: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// check validates the input and fills defaults; it returns the seed.
func (in *ReviewRoundInput) check(thisYear int) (int64, error) {
	if in.Year < 2000 || in.Year > thisYear {
		return 0, invalid("请选择评查年度（2000年至%d年）", thisYear)
	}
	title, err := supText("评查名称", in.Title, false, 100)
	if err != nil {
		return 0, err
	}
	if title == "" {
		title = fmt.Sprintf("%d年度行政执法案卷评查", in.Year)
	}
	in.Title = title
	if in.PerUnit < 1 || in.PerUnit > MaxReviewPerUnit {
		return 0, invalid("每单位抽取案卷数应在1至%d卷之间", MaxReviewPerUnit)
	}
	if err := in.Thresholds.Check(); err != nil {
		return 0, err
	}
	for i := range in.Items {
		in.Items[i].Seq = i + 1
		in.Items[i].Name = strings.TrimSpace(in.Items[i].Name)
		in.Items[i].Description = strings.TrimSpace(in.Items[i].Description)
	}
	if err := CheckReviewTable(in.Items); err != nil {
		return 0, err
	}
	return parseSeed(in.Seed)
}

// parseSeed reads the seed the organiser typed, or draws a new one.
func parseSeed(v string) (int64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		n, err := rand.Int(rand.Reader, big.NewInt(maxReviewSeed-100_000_000))
		if err != nil {
			return 0, fmt.Errorf("draw seed: %w", err)
		}
		return n.Int64() + 100_000_000, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 || n > maxReviewSeed {
		return 0, invalid("随机种子应为1至%d之间的整数，留空则由系统随机生成", int64(maxReviewSeed))
	}
	return n, nil
}

// CreateReviewRound opens a round over units of scope: the scoring table
// and thresholds are copied into it and each unit's sample is drawn from
// its eligible cases with the seed.
func (s *Service) CreateReviewRound(ctx context.Context, scope string, in ReviewRoundInput) (int64, error) {
	today := s.todayDate()
	seed, err := in.check(today.Year)
	if err != nil {
		return 0, err
	}
	asOf := today.String()
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		units, err := s.roundUnits(ctx, tx, scope, in, asOf)
		if err != nil {
			return err
		}
		uid, uname := supActor(ctx, tx)
		id, err = tx.InsertID(ctx, `INSERT INTO enf_review_rounds (year, title, seed, per_unit, excellent_min, good_min, pass_min,
			status, scope_path, as_of, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
			in.Year, in.Title, seed, in.PerUnit, in.Thresholds.Excellent, in.Thresholds.Good, in.Thresholds.Pass,
			scope, asOf, store.NullInt(uid), uname, s.now())
		if err != nil {
			return err
		}
		for _, it := range in.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO enf_review_items (round_id, seq, name, points, per_deduction, cap, description)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, it.Seq, it.Name, it.Points, it.PerDeduction, it.Cap, it.Description); err != nil {
				return err
			}
		}
		sampled, eligible := 0, 0
		for _, u := range units {
			ids, err := eligibleCases(ctx, tx, u.UnitID, in.Year, asOf)
			if err != nil {
				return err
			}
			sample := DrawSample(seed, u.UnitID, ids, in.PerUnit)
			if _, err := tx.ExecContext(ctx, `INSERT INTO enf_review_units (round_id, unit_id, eligible, sampled) VALUES (?, ?, ?, ?)`,
				id, u.UnitID, len(ids), len(sample)); err != nil {
				return err
			}
			for _, c := range sample {
				if _, err := tx.ExecContext(ctx, `INSERT INTO enf_review_cases (round_id, unit_id, case_id) VALUES (?, ?, ?)`, id, u.UnitID, c); err != nil {
					return err
				}
			}
			sampled, eligible = sampled+len(sample), eligible+len(ids)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.review.open", ObjectType: ObjectReviewRound, ObjectID: supID(id),
			Summary: fmt.Sprintf("开展案卷评查“%s”：%d个单位，符合条件案件%d件，随机种子%d抽取%d卷", in.Title, len(units), eligible, seed, sampled)})
	})
	return id, err
}

// roundUnits are the units of a new round: the chosen ones (each in scope
// and with eligible cases) or, when none is chosen, all with eligible cases.
func (s *Service) roundUnits(ctx context.Context, tx *store.Tx, scope string, in ReviewRoundInput, asOf string) ([]EligibleUnit, error) {
	all, err := eligibleUnits(ctx, tx, scope, in.Year, asOf)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, invalid("%d年本范围内没有已结案的执法案件，无法开展案卷评查", in.Year)
	}
	if len(in.UnitIDs) == 0 {
		return all, nil
	}
	var out []EligibleUnit
	for _, id := range in.UnitIDs {
		if slices.ContainsFunc(out, func(e EligibleUnit) bool { return e.UnitID == id }) {
			continue
		}
		name, _, err := supUnit(ctx, tx, scope, id)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(all, func(e EligibleUnit) bool { return e.UnitID == id })
		if i < 0 {
			return nil, invalid("%s在%d年没有已结案的执法案件，不能参加本次评查", name, in.Year)
		}
		out = append(out, all[i])
	}
	return out, nil
}

const reviewRoundSelect = `SELECT r.id, r.year, r.title, r.seed, r.per_unit, r.excellent_min, r.good_min, r.pass_min, r.status,
	r.scope_path, COALESCE((SELECT name FROM units WHERE path = r.scope_path), ''), r.as_of, r.created_by_name, r.created_at, r.closed_at,
	(SELECT COUNT(*) FROM enf_review_units x WHERE x.round_id = r.id),
	(SELECT COALESCE(SUM(x.eligible), 0) FROM enf_review_units x WHERE x.round_id = r.id),
	(SELECT COUNT(*) FROM enf_review_cases x WHERE x.round_id = r.id),
	(SELECT COUNT(*) FROM enf_review_cases x WHERE x.round_id = r.id AND x.score IS NOT NULL)
	FROM enf_review_rounds r `

func scanReviewRound(sc interface{ Scan(...any) error }) (ReviewRound, error) {
	var r ReviewRound
	var status string
	var closed sql.NullTime
	err := sc.Scan(&r.ID, &r.Year, &r.Title, &r.Seed, &r.PerUnit, &r.Thresholds.Excellent, &r.Thresholds.Good, &r.Thresholds.Pass,
		&status, &r.ScopePath, &r.ScopeName, &r.AsOf, &r.CreatedByName, &r.CreatedAt, &closed, &r.Units, &r.Eligible, &r.Sampled, &r.Scored)
	r.Closed, r.ClosedAt = status == "closed", closed.Time
	return r, err
}

// ReviewRounds lists the rounds organised within scope, newest first.
func (s *Service) ReviewRounds(ctx context.Context, scope string) ([]ReviewRound, error) {
	rows, err := s.DB.Read().QueryContext(ctx, reviewRoundSelect+`WHERE r.scope_path LIKE ? ORDER BY r.year DESC, r.id DESC`, scope+"%")
	if err != nil {
		return nil, fmt.Errorf("review rounds: %w", err)
	}
	defer rows.Close()
	var out []ReviewRound
	for rows.Next() {
		r, err := scanReviewRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// reviewRoundIn loads a round the scope covers (its organiser's scope lies
// inside the user's).
func reviewRoundIn(ctx context.Context, q store.Querier, scope string, id int64) (ReviewRound, error) {
	r, err := scanReviewRound(q.QueryRowContext(ctx, reviewRoundSelect+`WHERE r.id = ?`, id))
	if supNoRows(err) || (err == nil && !strings.HasPrefix(r.ScopePath, scope)) {
		return ReviewRound{}, notFound("案卷评查不存在或不在您的数据范围内")
	}
	return r, err
}

// ReviewRound returns a round the scope covers.
func (s *Service) ReviewRound(ctx context.Context, scope string, id int64) (ReviewRound, error) {
	return reviewRoundIn(ctx, s.DB.Read(), scope, id)
}

// ReviewItems is a round's scoring table.
func (s *Service) ReviewItems(ctx context.Context, roundID int64) ([]ReviewItem, error) {
	return reviewItems(ctx, s.DB.Read(), roundID)
}

func reviewItems(ctx context.Context, q store.Querier, roundID int64) ([]ReviewItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, name, points, per_deduction, cap, description FROM enf_review_items
		WHERE round_id = ? ORDER BY seq`, roundID)
	if err != nil {
		return nil, fmt.Errorf("review items: %w", err)
	}
	defer rows.Close()
	var out []ReviewItem
	for rows.Next() {
		var it ReviewItem
		if err := rows.Scan(&it.Seq, &it.Name, &it.Points, &it.PerDeduction, &it.Cap, &it.Description); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// SampleCheck is the result of drawing a round's sample again.
type SampleCheck struct {
	Same  bool // every unit drew the same cases
	Units []SampleCheckUnit
}

// SampleCheckUnit is one unit's re-draw.
type SampleCheckUnit struct {
	UnitName          string
	EligibleThen, Now int
	Same              bool
	Drawn, WasSampled []string // 案号
}

// CheckReviewSample draws the round's sample again from the cases eligible
// now (closed in the year by the as-of day) with the recorded seed and
// compares it with the stored sample: it differs only if the case records
// changed since.
func (s *Service) CheckReviewSample(ctx context.Context, scope string, id int64) (SampleCheck, error) {
	q := s.DB.Read()
	r, err := reviewRoundIn(ctx, q, scope, id)
	if err != nil {
		return SampleCheck{}, err
	}
	units, err := s.ReviewUnits(ctx, scope, id, "")
	if err != nil {
		return SampleCheck{}, err
	}
	cases, err := s.ReviewCases(ctx, scope, ReviewCaseFilter{RoundID: id})
	if err != nil {
		return SampleCheck{}, err
	}
	out := SampleCheck{Same: true}
	for _, u := range units {
		ids, err := eligibleCases(ctx, q, u.UnitID, r.Year, r.AsOf)
		if err != nil {
			return SampleCheck{}, err
		}
		drawn := DrawSample(r.Seed, u.UnitID, ids, r.PerUnit)
		var had []int64
		cu := SampleCheckUnit{UnitName: u.UnitName, EligibleThen: u.Eligible, Now: len(ids)}
		for _, c := range cases {
			if c.UnitID == u.UnitID {
				had = append(had, c.CaseID)
				cu.WasSampled = append(cu.WasSampled, c.CaseNo)
			}
		}
		cu.Same = slices.Equal(drawn, had)
		for _, d := range drawn {
			no := ""
			_ = q.QueryRowContext(ctx, `SELECT case_no FROM enf_cases WHERE id = ?`, d).Scan(&no)
			cu.Drawn = append(cu.Drawn, no)
		}
		out.Same = out.Same && cu.Same
		out.Units = append(out.Units, cu)
	}
	return out, nil
}
