package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// reviewItemRow is a row of the scoring table as the form shows it.
type reviewItemRow struct{ Name, Points, Per, Cap, Desc string }

type reviewNewData struct {
	Year       int
	Years      []int
	Units      []enforcement.EligibleUnit
	Eligible   int
	Checked    map[int64]bool
	Title      string
	PerUnit    string
	Seed       string
	Excellent  string
	Good       string
	Pass       string
	Items      []reviewItemRow
	ScopeName  string
	MaxPerUnit int
	Method     string
}

// blankReviewRows are the empty rows under the table for added items.
const blankReviewRows = 3

// handleReviewNew shows the form that opens a round: the year (its units
// with closed cases, all chosen), the sample size, an optional seed, the
// grade lines and the editable scoring table.
func (s *Server) handleReviewNew(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	d := reviewNewData{Year: year, PerUnit: "3", Checked: map[int64]bool{}}
	th := enforcement.DefaultThresholds
	d.Excellent, d.Good, d.Pass = points(th.Excellent), points(th.Good), points(th.Pass)
	for _, it := range enforcement.DefaultReviewTable() {
		d.Items = append(d.Items, reviewItemRow{it.Name, points(it.Points), points(it.PerDeduction), points(it.Cap), it.Description})
	}
	s.reviewNewPage(w, r, http.StatusOK, "", d, true)
}

func (s *Server) reviewNewPage(w http.ResponseWriter, r *http.Request, status int, msg string, d reviewNewData, checkAll bool) {
	u := httpx.User(r)
	this := s.Deadlines.Today().Year
	if d.Year < 2000 || d.Year > this {
		d.Year = this - 1
	}
	for y := this; y >= this-4; y-- {
		d.Years = append(d.Years, y)
	}
	units, err := s.Enforcement.EligibleUnits(r.Context(), u.ScopePath, d.Year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Units, d.ScopeName, d.MaxPerUnit, d.Method = units, u.ScopeName, enforcement.MaxReviewPerUnit, enforcement.SampleMethod
	for _, e := range units {
		d.Eligible += e.Cases
		if checkAll {
			d.Checked[e.UnitID] = true
		}
	}
	for n := trailingBlank(d.Items); n < blankReviewRows && len(d.Items) < enforcement.MaxReviewItems; n++ {
		d.Items = append(d.Items, reviewItemRow{})
	}
	v := s.view(r, "开展案卷评查", d)
	v.Error = msg
	s.render(w, status, "enf_review_new", v)
}

// trailingBlank counts the empty rows at the end of the table.
func trailingBlank(rows []reviewItemRow) int {
	n := 0
	for i := len(rows) - 1; i >= 0 && strings.TrimSpace(rows[i].Name+rows[i].Points+rows[i].Per+rows[i].Cap+rows[i].Desc) == ""; i-- {
		n++
	}
	return n
}

// handleReviewCreate opens the round and goes to its page.
func (s *Server) handleReviewCreate(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	d := reviewNewData{Year: year, Title: f.Get("title"), PerUnit: f.Get("per_unit"), Seed: f.Get("seed"),
		Excellent: f.Get("excellent"), Good: f.Get("good"), Pass: f.Get("pass"), Checked: map[int64]bool{}}
	names, pts, pers, caps, descs := f["item_name"], f["item_points"], f["item_per"], f["item_cap"], f["item_desc"]
	for i := range names {
		d.Items = append(d.Items, reviewItemRow{names[i], at(pts, i), at(pers, i), at(caps, i), at(descs, i)})
	}
	in := enforcement.ReviewRoundInput{Year: year, Title: d.Title, Seed: d.Seed}
	for _, v := range f["unit_id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.UnitIDs, d.Checked[id] = append(in.UnitIDs, id), true
		}
	}
	var err error
	if in.PerUnit, err = strconv.Atoi(strings.TrimSpace(d.PerUnit)); err != nil {
		err = httpx.Invalid("每单位抽取案卷数应为整数")
	}
	if err == nil && len(in.UnitIDs) == 0 {
		err = httpx.Invalid("请至少选择一个被评查单位")
	}
	if err == nil {
		in.Thresholds, err = enforcement.ParseThresholds(d.Excellent, d.Good, d.Pass)
	}
	if err == nil {
		in.Items, err = enforcement.ParseReviewTable(names, pts, pers, caps, descs)
	}
	var id int64
	if err == nil {
		id, err = s.Enforcement.CreateReviewRound(r.Context(), httpx.User(r).ScopePath, in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reviewNewPage(w, r, ae.Status, ae.Message, d, false)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/reviews/"+itoa(id), "已开展案卷评查并抽取案卷，请逐卷评分")
}

func at(c []string, i int) string {
	if i < len(c) {
		return c[i]
	}
	return ""
}

// points prints a score without trailing zeros.
func points(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
