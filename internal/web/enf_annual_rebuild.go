package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// enfRecountScope refuses the recount to users below the top of the org
// tree: it recounts and fixes every unit's rollups, not only the scope's.
func (s *Server) enfRecountScope(r *http.Request) error {
	u := httpx.User(r)
	scope, err := s.Org.Get(r.Context(), u.ScopeUnitID)
	if err != nil {
		return err
	}
	if scope.ParentID != 0 {
		return &httpx.AppError{Status: http.StatusForbidden, Code: "forbidden",
			Message: "统计汇总核对涉及全部单位，只能由数据范围为最上级单位的用户发起（您的数据范围：" + u.ScopeName + "）"}
	}
	return nil
}

// handleEnfAnnualRebuild starts the consistency recount (RebuildStats) as a
// background job: the rollups are recounted from the cases and the rows
// that differ are fixed, with an audit record; the job page shows progress.
func (s *Server) handleEnfAnnualRebuild(w http.ResponseWriter, r *http.Request) {
	if err := s.enfRecountScope(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PostFormValue("confirm") != "1" {
		s.fail(w, r, httpx.Invalid("请在统计年报页面确认后启动统计汇总核对"))
		return
	}
	u := httpx.User(r)
	id, err := s.Jobs.Submit(r.Context(), enforcement.JobRebuildStats, "行政执法统计汇总核对", "", u.ScopeUnitID, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/jobs/"+itoa(id), http.StatusSeeOther)
}
