package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/plan"
)

// handlePlanDraftMap applies the mapping form (name_N = the name as written,
// target_N = "unit:ID", "group:ID", "ignore" or "" for automatic) and shows
// the review again.
func (s *Server) handlePlanDraftMap(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, httpx.Invalid("表单无法读取，请刷新页面后重试"))
		return
	}
	changes := map[string]plan.Mapping{}
	for key, vals := range r.PostForm {
		suffix, ok := strings.CutPrefix(key, "name_")
		if !ok || len(vals) == 0 {
			continue
		}
		m, err := parseMappingTarget(r.PostFormValue("target_" + suffix))
		if err != nil {
			s.planDraftPage(w, r, id, http.StatusBadRequest, err.Error())
			return
		}
		changes[vals[0]] = m
	}
	if err := s.Plans.MapNames(r.Context(), id, changes); err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		if ae.Status == http.StatusNotFound {
			s.renderError(w, r, ae)
			return
		}
		s.planDraftPage(w, r, id, ae.Status, ae.Message)
		return
	}
	flashRedirect(w, r, "/plans/drafts/"+itoa(id)+"/review", "已保存单位对应关系")
}

// parseMappingTarget reads one select value of the mapping form.
func parseMappingTarget(v string) (plan.Mapping, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return plan.Mapping{}, nil
	case v == "ignore":
		return plan.Mapping{Ignore: true}, nil
	}
	kind, num, _ := strings.Cut(v, ":")
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return plan.Mapping{}, httpx.Invalid("所选对应项无效，请重新选择")
	}
	switch kind {
	case "unit":
		return plan.Mapping{UnitID: n}, nil
	case "group":
		return plan.Mapping{GroupID: n}, nil
	}
	return plan.Mapping{}, httpx.Invalid("所选对应项无效，请重新选择")
}
