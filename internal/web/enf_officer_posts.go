package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
)

// handleEnfOfficerPosts records a unit's 执法岗位在编人数, the denominator of
// 持证率.
func (s *Server) handleEnfOfficerPosts(w http.ResponseWriter, r *http.Request) {
	unit := formID(r, "unit_id")
	if unit == 0 {
		s.fail(w, r, httpx.Invalid("请选择单位"))
		return
	}
	if err := s.checkUnitInScope(r, unit); err != nil {
		s.fail(w, r, err)
		return
	}
	posts, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("posts")))
	if err != nil {
		s.fail(w, r, httpx.Invalid("执法岗位在编人数应为整数"))
		return
	}
	if err := s.Enforcement.SetUnitPosts(r.Context(), unit, posts, r.PostFormValue("note")); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/officers#cert-rate", "执法岗位在编人数已保存")
}
