package web

import (
	"net/http"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
	"fazhi/internal/report"
)

// reportDate is one of the report's two dates with its monitor item.
type reportDate struct {
	Name     string
	Due      string
	State    report.DateState
	Citation string
	Item     *deadline.Item
}

// reportForms are the values of the page's forms (kept after a refusal).
type reportForms struct {
	SubmitOn, SubmitTo string
	WithdrawReason     string
	Meta               report.Meta
	SubmitBy           string
	PublishBy          string
	DatesReason        string
}

type reportDetailData struct {
	report.Full
	Sections       []reportSectionView
	KnownFigures   []figureRow
	UnknownFigures []figureRow
	Blockers       []reportBlocker
	Dates          []reportDate
	Publications   []report.Publication
	OnPortal       bool
	CanEdit        bool // the text, meta, figures (status and permission)
	CanDates       bool
	CanSubmit      bool
	CanPublish     bool
	CanWithdraw    bool
	Next           string // why the next step is not open, when it is not
	Today          string
	DocDate        string // 成文日期 of an export made today (ISO)
	Forms          reportForms
}

// handleReport shows the whole report as it will read, each figure linked
// to its source, with the figure snapshot, what blocks publication, the
// two dates and the workflow the status and the user's roles allow.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reportPage(w, r, http.StatusOK, "", rep, nil)
}

// reportPage renders the report page; forms carries posted values to keep
// after a refusal (nil: the defaults).
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, status int, msg string, rep report.Report, forms *reportForms) {
	ctx := r.Context()
	full, err := s.Reports.Load(ctx, rep.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	d := reportDetailData{Full: full, Sections: reportSections(full), Blockers: reportBlockers(full),
		Today: s.reportToday(), DocDate: full.DocDate(s.Reports.Now().In(cst))}
	cited := map[string]bool{}
	for _, sec := range full.Sections {
		for _, k := range report.Keys(sec.Body) {
			cited[k] = true
		}
	}
	for _, row := range figureRows(full.Current(), s.Reports.Metrics, cited) {
		if row.Known {
			d.KnownFigures = append(d.KnownFigures, row)
		} else {
			d.UnknownFigures = append(d.UnknownFigures, row)
		}
	}
	if d.Publications, err = s.Reports.Publications(ctx, rep.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	d.OnPortal = len(d.Publications) > 0 && !d.Publications[0].Withdrawn()
	if d.Dates, err = s.reportDates(r, full.Report, d.Publications); err != nil {
		s.fail(w, r, err)
		return
	}
	edit, publish := u.Can(auth.PermReportEdit), u.Can(auth.PermReportPublish)
	d.CanEdit = edit && report.Allowed(rep.Status, report.ActEdit) == nil
	d.CanDates = edit && rep.Status != report.StatusPublished
	d.CanSubmit = edit && report.Allowed(rep.Status, report.ActSubmit) == nil
	d.CanPublish = publish && report.Allowed(rep.Status, report.ActPublish) == nil
	d.CanWithdraw = publish && report.Allowed(rep.Status, report.ActWithdraw) == nil
	switch {
	case rep.Status == report.StatusDraft && !d.CanSubmit:
		d.Next = "报告由起草单位报送党委和上级政府后，由法治办向社会公开。"
	case rep.Status == report.StatusSubmitted && !d.CanPublish:
		d.Next = "报告已报送，由法治办核对后向社会公开。"
	}
	if forms == nil {
		forms = defaultForms(rep, d.Today)
	}
	d.Forms = *forms
	v := s.view(r, rep.Title, d)
	v.Error = msg
	s.render(w, status, "report_detail", v)
}

// reportBlocker is a place that keeps the report from being published,
// with the section to edit.
type reportBlocker struct {
	Key, Text string
}

// reportBlockers lists report.Blockers section by section, so that each
// links to its editor.
func reportBlockers(full report.Full) []reportBlocker {
	var out []reportBlocker
	for _, sec := range full.Sections {
		for _, b := range report.Blockers([]report.Section{sec}, full.Figures) {
			out = append(out, reportBlocker{Key: sec.Key, Text: b})
		}
	}
	return out
}

// reportDates pairs the report's 报送 and 公开 dates with their items in
// the deadline monitor (the latest one not cancelled) and their state.
func (s *Server) reportDates(r *http.Request, rep report.Report, pubs []report.Publication) ([]reportDate, error) {
	items, err := s.Reports.DeadlineItems(r.Context(), rep.ID)
	if err != nil {
		return nil, err
	}
	published := ""
	if n := len(pubs); n > 0 {
		published = pubs[n-1].PublishedAt.In(cst).Format("2006-01-02")
	}
	today := s.reportToday()
	out := []reportDate{
		{Name: "报送党委和上级政府", Due: rep.SubmitBy, State: rep.SubmitState(today)},
		{Name: "向社会公开", Due: rep.PublishBy, State: rep.PublishState(today, published)},
	}
	for i := range items {
		it := &items[i]
		if it.Status == deadline.StatusCancelled {
			continue
		}
		k := 0
		if strings.HasSuffix(it.ObjectID, "/publish") {
			k = 1
		}
		out[k].Item, out[k].Citation = it, it.Citation
	}
	return out, nil
}

// defaultForms fills the page's forms from the report.
func defaultForms(rep report.Report, today string) *reportForms {
	return &reportForms{SubmitOn: today, SubmitTo: strings.TrimRight(rep.Addressee, "：:"),
		SubmitBy: rep.SubmitBy, PublishBy: rep.PublishBy,
		Meta: report.Meta{Title: rep.Title, DocNo: rep.DocNo, Addressee: rep.Addressee, Issuer: rep.Issuer}}
}

// postedForms are the defaults with the fields the request posted.
func postedForms(r *http.Request, rep report.Report, today string) *reportForms {
	f := defaultForms(rep, today)
	_ = r.ParseForm()
	for name, dst := range map[string]*string{"submitted_on": &f.SubmitOn, "submitted_to": &f.SubmitTo,
		"reason": &f.WithdrawReason, "title": &f.Meta.Title, "doc_no": &f.Meta.DocNo, "addressee": &f.Meta.Addressee,
		"issuer": &f.Meta.Issuer, "submit_by": &f.SubmitBy, "publish_by": &f.PublishBy, "dates_reason": &f.DatesReason} {
		if _, ok := r.PostForm[name]; ok {
			*dst = r.PostFormValue(name)
		}
	}
	return f
}

// reportAct runs one action on the report of the path: do returns the
// message shown after success (and the anchor to go back to); a refusal
// shows the report page with the message and the posted values.
func (s *Server) reportAct(w http.ResponseWriter, r *http.Request, do func(rep report.Report) (msg, anchor string, err error)) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg, anchor, err := do(rep)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reportPage(w, r, ae.Status, ae.Message, rep, postedForms(r, rep, s.reportToday()))
		}
		return
	}
	flashRedirect(w, r, reportPath(rep.ID, anchor), msg)
}
