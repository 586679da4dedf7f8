package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
	"fazhi/internal/org"
)

type assessUnitChoice struct {
	ID      int64
	Label   string
	Checked bool
}

type assessListData struct {
	Rounds  []indicator.Round
	CanOpen bool
	Year    int
	Title   string
	Units   []assessUnitChoice
}

// handleAssessments lists the assessment rounds, with the form to open one
// for the 法治办.
func (s *Server) handleAssessments(w http.ResponseWriter, r *http.Request) {
	s.assessListPage(w, r, http.StatusOK, "", nil)
}

func (s *Server) assessListPage(w http.ResponseWriter, r *http.Request, status int, msg string, posted map[int64]bool) {
	rounds, err := s.Indicator.Rounds(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	year := time.Now().In(cst).Year() - 1
	d := assessListData{Rounds: rounds, CanOpen: u.Can(auth.PermIndicatorEdit), Year: year,
		Title: strconv.Itoa(year) + "年度法治政府建设考核"}
	if status != http.StatusOK {
		d.Year, _ = strconv.Atoi(r.PostFormValue("year"))
		d.Title = r.PostFormValue("title")
	}
	if d.CanOpen {
		units, err := s.Org.List(r.Context(), org.ListFilter{RootID: u.ScopeUnitID, Status: org.ActiveOnly})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		base := strings.Count(u.ScopePath, "/")
		for _, un := range units {
			depth := strings.Count(un.Path, "/") - base
			checked := un.Level == org.LevelDepartment || un.Level == org.LevelTownship || un.Level == org.LevelSubdistrict
			if posted != nil {
				checked = posted[un.ID]
			}
			d.Units = append(d.Units, assessUnitChoice{ID: un.ID, Label: strings.Repeat("　", max(depth, 0)) + un.Name, Checked: checked})
		}
	}
	v := s.view(r, "考核", d)
	v.Error = msg
	s.render(w, status, "assess_list", v)
}

// handleAssessmentOpen starts a round over the chosen units of the scope.
func (s *Server) handleAssessmentOpen(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var ids []int64
	posted := map[int64]bool{}
	for _, v := range r.PostForm["unit"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		ids = append(ids, id)
		posted[id] = true
	}
	if err := s.checkUnitInScope(r, ids...); err != nil {
		s.fail(w, r, err)
		return
	}
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	round, err := s.Indicator.OpenRound(r.Context(), year, r.PostFormValue("title"), ids)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.assessListPage(w, r, ae.Status, ae.Message, posted)
		}
		return
	}
	flashRedirect(w, r, "/assessments/"+itoa(round.ID), "已开始考核“"+round.Title+"”")
}
