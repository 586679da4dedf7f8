package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfCompareData struct {
	A, B enforcement.List
	Diff enforcement.ListDiff
}

// handleEnfListCompare shows what changed from version a to version b:
// items added, removed and changed (matched by code), with the fields.
func (s *Server) handleEnfListCompare(w http.ResponseWriter, r *http.Request) {
	var ls [2]enforcement.List
	var items [2][]enforcement.Item
	for i, key := range []string{"a", "b"} {
		id, err := strconv.ParseInt(r.URL.Query().Get(key), 10, 64)
		if err != nil || id <= 0 {
			s.fail(w, r, httpx.Invalid("请选择要对比的两个版本"))
			return
		}
		if ls[i], err = s.Enforcement.ListVersion(r.Context(), id); err == nil {
			err = enfInScope(r, ls[i].UnitPath, ls[i].UnitName)
		}
		if err == nil {
			items[i], err = s.Enforcement.VersionItems(r.Context(), id)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	d := enfCompareData{A: ls[0], B: ls[1], Diff: enforcement.CompareItems(items[0], items[1])}
	s.render(w, http.StatusOK, "enf_list_compare", s.view(r, "权责清单版本对比", d))
}
