package api

import (
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/org"
)

// User is the API view of an account.
type User struct {
	ID          int64    `json:"id"`
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	UnitID      int64    `json:"unit_id"`
	UnitName    string   `json:"unit_name"`
	ScopeUnitID int64    `json:"scope_unit_id"`
	Roles       []string `json:"roles"`
	Active      bool     `json:"active"`
}

func userJSON(u auth.User) User {
	rs := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		rs[i] = string(r)
	}
	return User{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, UnitID: u.UnitID, UnitName: u.UnitName,
		ScopeUnitID: u.ScopeUnitID, Roles: rs, Active: u.Active}
}

func (a *API) handleMe(w http.ResponseWriter, r *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, userJSON(*httpx.User(r)))
}

func (a *API) handleUsers(w http.ResponseWriter, r *http.Request) {
	me := httpx.User(r)
	page, per := httpx.Page(r, 50)
	us, total, err := a.Auth.List(r.Context(), auth.ListFilter{ScopePath: me.ScopePath, Query: r.URL.Query().Get("q"),
		Limit: per, Offset: (page - 1) * per})
	if err != nil {
		fail(w, err)
		return
	}
	out := make([]User, len(us))
	for i, u := range us {
		out[i] = userJSON(u)
	}
	writeList(w, out, total, page, per)
}

// Unit is the API view of a unit.
type Unit struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	ShortName  string   `json:"short_name"`
	Aliases    []string `json:"aliases"`
	Level      string   `json:"level"`
	OrgType    string   `json:"org_type"`
	CreditCode string   `json:"credit_code"`
	RegionCode string   `json:"region_code"`
	ParentID   int64    `json:"parent_id"`
	Active     bool     `json:"active"`
	MergedInto int64    `json:"merged_into"`
}

func unitJSON(u org.Unit) Unit {
	al := u.Aliases
	if al == nil {
		al = []string{}
	}
	return Unit{ID: u.ID, Name: u.Name, ShortName: u.ShortName, Aliases: al, Level: string(u.Level), OrgType: string(u.OrgType),
		CreditCode: u.CreditCode, RegionCode: u.RegionCode, ParentID: u.ParentID, Active: u.Active, MergedInto: u.MergedInto}
}

func (a *API) handleUnits(w http.ResponseWriter, r *http.Request) {
	me := httpx.User(r)
	st := org.ActiveOnly
	switch r.URL.Query().Get("status") {
	case "all":
		st = org.AnyStatus
	case "inactive":
		st = org.InactiveOnly
	case "", "active":
	default:
		fail(w, httpx.Invalid("status 只能是 active、inactive 或 all"))
		return
	}
	units, err := a.Org.List(r.Context(), org.ListFilter{RootID: me.ScopeUnitID, Status: st})
	if err != nil {
		fail(w, err)
		return
	}
	page, per := httpx.Page(r, 50)
	from, to := min((page-1)*per, len(units)), min(page*per, len(units))
	out := make([]Unit, 0, to-from)
	for _, u := range units[from:to] {
		out = append(out, unitJSON(u))
	}
	writeList(w, out, len(units), page, per)
}

func (a *API) handleUnit(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, httpx.ErrNotFound)
		return
	}
	u, err := a.Org.Get(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	if !httpx.User(r).InScope(u.Path) {
		fail(w, httpx.ErrNotFound)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, unitJSON(u))
}

// AuditRow is the API view of an audit record.
type AuditRow struct {
	Seq        int64          `json:"seq"`
	At         time.Time      `json:"at"`
	Username   string         `json:"username"`
	UnitID     int64          `json:"unit_id"`
	IP         string         `json:"ip"`
	Action     string         `json:"action"`
	ObjectType string         `json:"object_type"`
	ObjectID   string         `json:"object_id"`
	Summary    string         `json:"summary"`
	Changes    []audit.Change `json:"changes"`
	Hash       string         `json:"hash"`
	PrevHash   string         `json:"prev_hash"`
	Algo       string         `json:"algo"`
}

var cst = time.FixedZone("CST", 8*3600)

func (a *API) handleAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := audit.Filter{Username: q.Get("username"), Action: q.Get("action"), Text: q.Get("q")}
	for _, d := range []struct {
		key string
		dst *time.Time
		end bool
	}{{"from", &f.From, false}, {"to", &f.To, true}} {
		if v := q.Get(d.key); v != "" {
			t, err := time.ParseInLocation("2006-01-02", v, cst)
			if err != nil {
				fail(w, httpx.Invalid(d.key+" 应为 YYYY-MM-DD 格式的日期"))
				return
			}
			if d.end {
				t = t.Add(24*time.Hour - time.Nanosecond)
			}
			*d.dst = t
		}
	}
	page, per := httpx.Page(r, 50)
	f.Limit, f.Offset = per, (page-1)*per
	rows, total, err := audit.Search(r.Context(), a.DB, f)
	if err != nil {
		fail(w, err)
		return
	}
	out := make([]AuditRow, len(rows))
	for i, x := range rows {
		ch := audit.ParseChanges(x.Changes)
		if ch == nil {
			ch = []audit.Change{}
		}
		out[i] = AuditRow{Seq: x.Seq, At: x.At, Username: x.Username, UnitID: x.UnitID, IP: x.IP, Action: x.Action,
			ObjectType: x.ObjectType, ObjectID: x.ObjectID, Summary: x.Summary, Changes: ch, Hash: x.Hash, PrevHash: x.PrevHash, Algo: x.Algo}
	}
	writeList(w, out, total, page, per)
}
