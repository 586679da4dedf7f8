package enforcement

import (
	"context"
	"time"
)

// The registry types: 执法主体, 执法人员, 权责清单 versions, 执法事项 and
// 裁量基准. The registry part (subject*.go, officer*.go, list*.go, item*.go,
// discretion*.go) implements the methods below; cases, the portal,
// statistics and imports read through them.

// Subject is an 执法主体.
type Subject struct {
	ID         int64
	UnitID     int64
	UnitName   string
	UnitPath   string // the unit's materialised path, for scope checks
	Name       string
	Kind       SubjectKind
	LegalBasis string
	Scope      string
	Active     bool
}

// Officer is an 执法人员 with his certificate. IDNumber and Phone are opened
// from their sealed form only for users who may see them; public pages show
// name, certificate number, authority, area and validity only.
type Officer struct {
	ID            int64
	UnitID        int64
	UnitName      string
	UnitPath      string
	SubjectID     int64
	SubjectName   string
	UserID        int64
	Name          string
	Sex           string
	IDNumber      string // plain only after opening; "" otherwise
	Phone         string
	Position      string
	CertNo        string
	CertAuthority string
	LawArea       string
	IssuedOn      string // ISO date
	ValidUntil    string // ISO date
	Status        OfficerStatus
	StatusNote    string
	IDMasked      string // 身份证号 masked (330***********1234), once opened
	PhoneMasked   string
}

// CanEnforceOn reports whether the officer may act on the ISO date day: in
// post (在岗) and the certificate valid on that day. The reason says why not.
func (o Officer) CanEnforceOn(day string) (bool, string) {
	if o.Status != OfficerActive {
		return false, o.Name + "的执法证状态为“" + o.Status.Label() + "”，不得从事执法活动"
	}
	if o.ValidUntil != "" && day > o.ValidUntil {
		return false, o.Name + "的执法证有效期至" + o.ValidUntil + "，已过期"
	}
	if o.IssuedOn != "" && day < o.IssuedOn {
		return false, o.Name + "的执法证" + o.IssuedOn + "起有效"
	}
	return true, ""
}

// List is one version of a unit's 权责清单.
type List struct {
	ID              int64
	UnitID          int64
	UnitName        string
	UnitPath        string
	Version         int
	Status          ListStatus
	Note            string
	CreatedAt       time.Time
	PublishedAt     time.Time
	PublishedByName string
	Items           int // number of items in the version
}

// Item is an 执法事项 with its 裁量基准 rows (ordered by Seq).
type Item struct {
	ID         int64
	ListID     int64
	UnitID     int64
	Code       string
	Name       string
	Category   Category
	Law        string
	Article    string
	BasisText  string
	Major      bool // 重大执法决定: 法制审核 required
	Hearing    bool // 听证 rights may apply
	Collective bool // 集体讨论 required
	SortOrder  int
	Discretion []Discretion
}

// Discretion is one 裁量基准 row.
type Discretion struct {
	ID           int64
	ItemID       int64
	Seq          int
	Circumstance string
	Level        Level
	MinFen       *int64 // nil: no fine in this row
	MaxFen       *int64
	Other        string
	ListKind     string // "" | exempt 免罚清单 | lenient 轻罚清单
}

// Item returns an item with its discretion rows.
func (s *Service) Item(ctx context.Context, id int64) (Item, error) { return s.item(ctx, id) }

// Officer returns an officer (sealed fields not opened).
func (s *Service) Officer(ctx context.Context, id int64) (Officer, error) { return s.officer(ctx, id) }

// Subject returns an 执法主体.
func (s *Service) Subject(ctx context.Context, id int64) (Subject, error) { return s.subject(ctx, id) }

// CurrentItems lists the items of the unit's published 权责清单 (empty when
// none is published).
func (s *Service) CurrentItems(ctx context.Context, unitID int64) ([]Item, error) {
	return s.currentItems(ctx, unitID)
}

// UnitOfficers lists the officers of a unit (all statuses), by name.
func (s *Service) UnitOfficers(ctx context.Context, unitID int64) ([]Officer, error) {
	return s.unitOfficers(ctx, unitID)
}

// RegionChain lists a region code and the codes it inherits settings from
// (county → city → province), most specific first.
func RegionChain(code string) []string { return regionChain(code) }
