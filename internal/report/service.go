package report

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/indicator"
	"fazhi/internal/ledger"
	"fazhi/internal/metric"
	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/supervise"
)

// Audit actions of the annual report.
const (
	ActionCreate   = "report.create"
	ActionSection  = "report.section"  // a section saved, restored or redrafted
	ActionRefresh  = "report.refresh"  // figures re-read from the registry
	ActionMeta     = "report.meta"     // title, 发文字号, 主送机关, 署名
	ActionDates    = "report.dates"    // the report's own deadlines
	ActionSubmit   = "report.submit"   // 报送 to 党委 and 上级政府
	ActionPublish  = "report.publish"  // 公开 on the portal
	ActionWithdraw = "report.withdraw" // taken off the portal
	ActionSetting  = "report.setting"  // a region's dates
)

// Service drafts, stores and publishes annual reports. Tasks, Indicator,
// Ledger and Deadlines may be nil (their parts of the draft stay empty).
type Service struct {
	DB        *store.DB
	Audit     *audit.Logger
	Org       *org.Service
	Metrics   *metric.Registry
	Ledger    *ledger.Service
	Tasks     *supervise.Service
	Indicator *indicator.Service
	Deadlines *deadline.Service
	Now       func() time.Time
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger, units *org.Service, metrics *metric.Registry) *Service {
	return &Service{DB: db, Audit: logger, Org: units, Metrics: metrics, Now: time.Now}
}

var cst = time.FixedZone("CST", 8*3600)

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// today is the civil date in China.
func (s *Service) today() time.Time {
	t := s.Now().In(cst)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// actor is the acting user's id and display name.
func actor(ctx context.Context, tx *store.Tx) (int64, string) {
	a := audit.ActorFrom(ctx)
	name := a.Username
	if a.UserID != 0 {
		var display string
		if err := tx.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = ?`, a.UserID).Scan(&display); err == nil && display != "" {
			name = display
		}
	}
	if name == "" {
		name = "系统"
	}
	return a.UserID, name
}

// Year bounds of a report.
const (
	MinYear = 2000
	MaxYear = 2100
)

// CreateInput is a new report: the unit (its subtree is reported), the
// year, and optionally the report's own deadlines (ISO dates) instead of
// the region's.
type CreateInput struct {
	UnitID    int64
	Year      int
	SubmitBy  string
	PublishBy string
}

// Create drafts a new report from the year's data: a figure snapshot, every
// section's first version and the two deadlines in the monitor, all in one
// transaction.
func (s *Service) Create(ctx context.Context, in CreateInput) (int64, error) {
	if in.Year < MinYear || in.Year > MaxYear {
		return 0, invalid("年度应在 %d 到 %d 之间", MinYear, MaxYear)
	}
	u, err := s.Org.Get(ctx, in.UnitID)
	if err != nil {
		return 0, notFound("单位不存在")
	}
	r := Report{UnitID: u.ID, UnitName: u.Name, Year: in.Year, Title: DefaultTitle(u.Name, in.Year), Issuer: u.Name, Snapshot: 1}
	if r.Addressee, err = s.defaultAddressee(ctx, u); err != nil {
		return 0, err
	}
	cites, err := s.dates(ctx, u, &r, in)
	if err != nil {
		return 0, err
	}
	figs, order, err := s.snapshot(ctx, u, in.Year)
	if err != nil {
		return 0, err
	}
	draftIn, err := s.input(ctx, u, in.Year, figs, order)
	if err != nil {
		return 0, err
	}
	drafted := Draft(draftIn)
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports WHERE unit_id = ? AND year = ?`, u.ID, in.Year).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return conflict("%s的%d年度报告已经存在，请打开该报告继续编辑", u.Name, in.Year)
		}
		byID, byName := actor(ctx, tx)
		r.CreatedByName = byName
		now := s.now()
		if r.ID, err = insertReport(ctx, tx, r, now); err != nil {
			return fmt.Errorf("insert report: %w", err)
		}
		if err := insertFigures(ctx, tx, r.ID, 1, figs, order, now); err != nil {
			return err
		}
		for i, d := range drafted {
			if err := insertSection(ctx, tx, r.ID, d.Key, d.Part, i); err != nil {
				return err
			}
			v := Version{Heading: d.Heading, Body: d.Body, Snapshot: 1, Kind: KindDraft, Note: "系统根据年度数据起草", ByName: byName, At: now}
			if _, err := addVersion(ctx, tx, r.ID, d.Key, v, byID); err != nil {
				return err
			}
		}
		if err := s.registerDeadlines(ctx, tx, r, cites); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionCreate, ObjectType: ObjectType, ObjectID: itoa(r.ID),
			Summary: fmt.Sprintf("起草《%s》：%d 节，引用 %d 项数据；报送期限 %s，公开期限 %s", r.Title, len(drafted),
				countKnown(figs), r.SubmitBy, r.PublishBy)})
	})
	return r.ID, err
}

func countKnown(figs Figures) int {
	n := 0
	for _, f := range figs {
		if f.Known {
			n++
		}
	}
	return n
}

// dates sets the report's deadlines: the ones given, else the region's
// settings (else the national rules), and returns their citations.
func (s *Service) dates(ctx context.Context, u org.Unit, r *Report, in CreateInput) ([2]string, error) {
	region, err := s.regionOf(ctx, u)
	if err != nil {
		return [2]string{}, err
	}
	var cites [2]string
	var basis []string
	for i, x := range []struct {
		key   string
		given string
		dst   *string
	}{{SetSubmitBy, in.SubmitBy, &r.SubmitBy}, {SetPublishBy, in.PublishBy, &r.PublishBy}} {
		set, err := s.Setting(ctx, region, x.key)
		if err != nil {
			return cites, err
		}
		*x.dst, cites[i] = set.DueDate(r.Year), set.Citation
		if g := strings.TrimSpace(x.given); g != "" {
			if _, err := time.Parse(time.DateOnly, g); err != nil {
				return cites, invalid("%s期限应为日期，如 %d-03-01", set.Name, r.Year+1)
			}
			*x.dst, cites[i] = g, "本报告另行确定的期限；"+set.Citation
			basis = append(basis, set.Name+"期限由本报告另行确定")
		} else if set.FromRegion != "" {
			basis = append(basis, set.Name+"期限按本地区规定："+set.Note)
		}
	}
	if r.SubmitBy > r.PublishBy {
		return cites, invalid("报送期限（%s）不能晚于公开期限（%s）", r.SubmitBy, r.PublishBy)
	}
	r.DeadlineBasis = strings.Join(basis, "；")
	return cites, nil
}

// regionOf is the unit's region code, or the nearest ancestor's.
func (s *Service) regionOf(ctx context.Context, u org.Unit) (string, error) {
	if u.RegionCode != "" {
		return u.RegionCode, nil
	}
	anc, err := s.Org.Ancestors(ctx, u.ID)
	if err != nil {
		return "", err
	}
	for i := len(anc) - 1; i >= 0; i-- {
		if anc[i].RegionCode != "" {
			return anc[i].RegionCode, nil
		}
	}
	return "", nil
}

func (s *Service) defaultAddressee(ctx context.Context, u org.Unit) (string, error) {
	code, err := s.regionOf(ctx, u)
	if err != nil || code == "" {
		return "", err
	}
	reg, err := s.Org.GetRegion(ctx, code)
	if err != nil {
		return "", nil // a unit whose region is unknown gets no default
	}
	parent := ""
	if reg.ParentCode != "" {
		if p, err := s.Org.GetRegion(ctx, reg.ParentCode); err == nil {
			parent = p.Name
		}
	}
	return DefaultAddressee(u.Level, reg.Name, parent), nil
}

// Get loads a report.
func (s *Service) Get(ctx context.Context, id int64) (Report, error) {
	return getReport(ctx, s.DB.Read(), id)
}

// List lists reports.
func (s *Service) List(ctx context.Context, f ListFilter) ([]Report, error) {
	return listReports(ctx, s.DB.Read(), f)
}

// Full is a report with its sections and the figure snapshots they cite.
type Full struct {
	Report
	Sections []Section
	Figures  map[int]Figures // by snapshot number
}

// Current is the report's latest figure snapshot.
func (f Full) Current() Figures { return f.Figures[f.Snapshot] }

// Load reads a report with its current sections and figures.
func (s *Service) Load(ctx context.Context, id int64) (Full, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return Full{}, err
	}
	return loadFull(ctx, s.DB.Read(), r)
}

// Section loads one section at its current version.
func (s *Service) Section(ctx context.Context, id int64, key string) (Section, error) {
	return section(ctx, s.DB.Read(), id, key)
}

// History lists a section's versions, newest first, with the snapshots they
// cite.
func (s *Service) History(ctx context.Context, id int64, key string) ([]Version, map[int]Figures, error) {
	if _, err := s.Section(ctx, id, key); err != nil {
		return nil, nil, err
	}
	vs, err := versions(ctx, s.DB.Read(), id, key)
	if err != nil {
		return nil, nil, err
	}
	var snaps []int
	for _, v := range vs {
		snaps = append(snaps, v.Snapshot)
	}
	figs, err := loadFigures(ctx, s.DB.Read(), id, snaps...)
	return vs, figs, err
}
