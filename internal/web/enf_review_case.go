package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// reviewScoreRow is one item of the scoring form with what was found.
type reviewScoreRow struct {
	Item     enforcement.ReviewItem
	N        string
	Reason   string
	Deducted float64
}

type reviewCaseData struct {
	Round     enforcement.ReviewRound
	RC        enforcement.ReviewCase
	Rows      []reviewScoreRow
	Comment   string
	Case      enforcement.Case
	Officers  []enforcement.OfficerOnCase
	Events    []enforcement.Event
	Evidence  []enforcement.Evidence
	Documents []enforcement.IssuedDoc
	Rects     []enforcement.ReviewRectification
	CanIssue  bool  // scored with deductions (or failing) and no open 整改
	NextID    int64 // the next unscored file of the round
	MaxDays   int
	ReqText   string // a refused 整改 form's text, kept
	DaysText  string
}

// reviewCaseOf reads the round and the sampled file of the path, checking
// that the file belongs to the round and the round to the user's scope.
func (s *Server) reviewCaseOf(w http.ResponseWriter, r *http.Request) (enforcement.ReviewCase, bool) {
	roundID, err := pathID(r)
	rcID, perr := strconv.ParseInt(r.PathValue("rc"), 10, 64)
	if err != nil || perr != nil {
		s.fail(w, r, httpx.ErrNotFound)
		return enforcement.ReviewCase{}, false
	}
	rc, err := s.Enforcement.ReviewCase(r.Context(), httpx.User(r).ScopePath, rcID)
	if err == nil && rc.RoundID != roundID {
		err = httpx.ErrNotFound
	}
	if err != nil {
		s.fail(w, r, err)
		return rc, false
	}
	return rc, true
}

// handleReviewCase shows a sampled case file to its reviewer: the case's
// facts, officers, timeline, documents and evidence with links to the case
// and its 案卷 PDF, the scoring form, and its 整改.
func (s *Server) handleReviewCase(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.reviewCaseOf(w, r)
	if !ok {
		return
	}
	s.reviewCasePage(w, r, http.StatusOK, rc, nil, "", "")
}

// reviewCasePage renders the page; form (field → value) refills a refused
// submission, otherwise the stored score fills the form.
func (s *Server) reviewCasePage(w http.ResponseWriter, r *http.Request, status int, rc enforcement.ReviewCase, form map[string]string, which, msg string) {
	ctx, scope := r.Context(), httpx.User(r).ScopePath
	d := reviewCaseData{RC: rc, Comment: rc.Comment, MaxDays: enforcement.MaxReviewRectifyDays, DaysText: "15"}
	var err error
	if d.Round, err = s.Enforcement.ReviewRound(ctx, scope, rc.RoundID); err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.Enforcement.ReviewItems(ctx, rc.RoundID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Rows = scoreRows(items, rc, form, which == "score")
	if which == "score" {
		d.Comment = form["comment"]
	} else if which == "rect" {
		d.ReqText, d.DaysText = form["requirement"], form["days"]
	}
	if err := s.reviewCaseRecord(r, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	d.CanIssue = rc.Scored && (rc.Grade == enforcement.GradeFail || len(rc.Deductions) > 0)
	for _, x := range d.Rects {
		d.CanIssue = d.CanIssue && x.Status == enforcement.ReviewRectClosed
	}
	v := s.view(r, "评查 "+rc.CaseNo, d)
	v.Error = msg
	s.render(w, status, "enf_review_case", v)
}

// reviewCaseRecord loads the case itself, its 整改 items and the next
// file to score.
func (s *Server) reviewCaseRecord(r *http.Request, d *reviewCaseData) error {
	ctx, e := r.Context(), s.Enforcement
	var err error
	if d.Case, err = e.GetCase(ctx, d.RC.CaseID); err != nil {
		return err
	}
	if d.Officers, err = e.CaseOfficers(ctx, d.RC.CaseID); err != nil {
		return err
	}
	if d.Events, err = e.Events(ctx, d.RC.CaseID); err != nil {
		return err
	}
	if d.Evidence, err = e.EvidenceOf(ctx, d.RC.CaseID); err != nil {
		return err
	}
	if d.Documents, err = e.Documents(ctx, d.RC.CaseID); err != nil {
		return err
	}
	scope := httpx.User(r).ScopePath
	if d.Rects, err = e.ReviewRectifications(ctx, enforcement.ReviewRectFilter{RoundScope: scope, ReviewCaseID: d.RC.ID}); err != nil {
		return err
	}
	all, err := e.ReviewCases(ctx, scope, enforcement.ReviewCaseFilter{RoundID: d.RC.RoundID})
	if err != nil {
		return err
	}
	for _, c := range all {
		if !c.Scored && c.ID != d.RC.ID {
			d.NextID = c.ID
			break
		}
	}
	return nil
}

// scoreRows pairs the table with the stored deductions, or with a refused
// form's values.
func scoreRows(items []enforcement.ReviewItem, rc enforcement.ReviewCase, form map[string]string, fromForm bool) []reviewScoreRow {
	rows := make([]reviewScoreRow, len(items))
	for i, it := range items {
		rows[i].Item = it
		seq := strconv.Itoa(it.Seq)
		if fromForm {
			rows[i].N, rows[i].Reason = form["n_"+seq], form["reason_"+seq]
			continue
		}
		for _, d := range rc.Deductions {
			if d.Seq == it.Seq {
				rows[i].N, rows[i].Reason, rows[i].Deducted = strconv.Itoa(d.Occurrences), d.Reason, d.Points
			}
		}
	}
	return rows
}
