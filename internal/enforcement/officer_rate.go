package enforcement

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// CertRateDefinition says how 持证率 is computed, for the pages and the
// metric registry.
const CertRateDefinition = "持证率 = 在岗且执法证在有效期内的执法人员数 ÷ 执法岗位在编人数（各单位按“三定”方案或编制文件填报）。" +
	"暂扣、注销或证件过期的人员不计入分子。"

// CertRateSource is the rule the figure is checked against.
const CertRateSource = "全面推行行政执法人员持证上岗和资格管理制度（如《桐庐县深化法治政府建设实施意见（2018-2020年）》（桐政发〔2018〕47号）：2018年底前持证率90%以上，2020年实现持证率100%）"

// CertRate is one unit's 持证率 on a day.
type CertRate struct {
	UnitID    int64
	UnitName  string
	UnitPath  string
	Posts     int  // 执法岗位在编人数 (denominator)
	HasPosts  bool // the unit entered its headcount
	PostsNote string
	Certified int // 在岗 with a certificate valid on the day (numerator)
	Officers  int // officers not 注销
}

// Rate is the ratio, when the headcount is known and not zero.
func (r CertRate) Rate() (float64, bool) {
	if !r.HasPosts || r.Posts == 0 {
		return 0, false
	}
	return float64(r.Certified) / float64(r.Posts), true
}

// Text is the rate as a percentage with one decimal, or why it is unknown.
func (r CertRate) Text() string {
	v, ok := r.Rate()
	if !ok {
		return "未填报编制"
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// CertRates returns the 持证率 on day (ISO) of every unit under scopePath
// that has officers or an entered headcount, by unit path.
func (s *Service) CertRates(ctx context.Context, scopePath, day string) ([]CertRate, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT u.id, u.name, u.path, COALESCE(p.posts, -1), COALESCE(p.note, ''),
		(SELECT COUNT(*) FROM enf_officers o WHERE o.unit_id = u.id AND o.status = 'active' AND o.issued_on <= ?
			AND o.valid_until >= ?),
		(SELECT COUNT(*) FROM enf_officers o WHERE o.unit_id = u.id AND o.status <> 'revoked')
		FROM units u LEFT JOIN enf_unit_posts p ON p.unit_id = u.id
		WHERE u.path LIKE ? AND (p.unit_id IS NOT NULL OR EXISTS (SELECT 1 FROM enf_officers o WHERE o.unit_id = u.id))
		ORDER BY u.path`, day, day, scopePath+"%")
	if err != nil {
		return nil, fmt.Errorf("certificate rates: %w", err)
	}
	defer rows.Close()
	var out []CertRate
	for rows.Next() {
		var r CertRate
		if err := rows.Scan(&r.UnitID, &r.UnitName, &r.UnitPath, &r.Posts, &r.PostsNote, &r.Certified, &r.Officers); err != nil {
			return nil, err
		}
		r.HasPosts = r.Posts >= 0
		r.Posts = max(r.Posts, 0)
		out = append(out, r)
	}
	return out, rows.Err()
}

// CertRateTotal adds up units' rates (the scope's figure): certified and
// headcount summed over the units that entered a headcount.
func CertRateTotal(rates []CertRate) CertRate {
	t := CertRate{UnitName: "合计"}
	for _, r := range rates {
		t.Officers += r.Officers
		if r.HasPosts {
			t.HasPosts = true
			t.Posts += r.Posts
			t.Certified += r.Certified
		}
	}
	return t
}

// SetUnitPosts records a unit's 执法岗位在编人数 with the document it comes
// from.
func (s *Service) SetUnitPosts(ctx context.Context, unitID int64, posts int, note string) error {
	note = strings.TrimSpace(note)
	if posts < 0 || posts > 100000 {
		return invalid("执法岗位在编人数应为0至100000之间的整数")
	}
	if utf8.RuneCountInString(note) > 200 {
		return invalid("编制依据不能超过200字")
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		name, _, _, err := regUnitOf(ctx, tx, unitID)
		if err != nil {
			return err
		}
		before := ""
		var old int
		switch err := tx.QueryRowContext(ctx, `SELECT posts FROM enf_unit_posts WHERE unit_id = ?`, unitID).Scan(&old); {
		case err == nil:
			before = strconv.Itoa(old)
		case err != sql.ErrNoRows:
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_unit_posts WHERE unit_id = ?`, unitID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO enf_unit_posts (unit_id, posts, note, updated_at) VALUES (?, ?, ?, ?)`,
			unitID, posts, note, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.posts", ObjectType: "unit", ObjectID: regID(unitID),
			Summary: fmt.Sprintf("%s执法岗位在编人数：%d人（%s）", name, posts, note),
			Changes: []audit.Change{{Field: "enf_posts", Before: before, After: strconv.Itoa(posts)}}})
	})
}
