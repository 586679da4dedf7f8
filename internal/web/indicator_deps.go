package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
)

// IndicatorDeps are the services the indicator and assessment pages use.
type IndicatorDeps struct {
	Indicator *indicator.Service
}

// maxIndicatorUpload caps an uploaded indicator workbook.
const maxIndicatorUpload = 10 << 20

// indicatorRoutes are the indicator tree and the assessment (考核) pages.
// Without the indicator service there are none.
func (s *Server) indicatorRoutes() []httpx.Route {
	if s.Indicator == nil {
		return nil
	}
	view, edit := auth.PermIndicatorView, auth.PermIndicatorEdit
	return []httpx.Route{
		{Method: "GET", Pattern: "/indicators", Perm: view, Handler: s.handleIndicators},
		{Method: "GET", Pattern: "/indicators/export.xlsx", Perm: view, Handler: s.handleIndicatorExport},
		{Method: "POST", Pattern: "/indicators/import", Perm: edit, Handler: s.handleIndicatorImport},
		{Method: "GET", Pattern: "/indicators/{id}", Perm: edit, Handler: s.handleIndicatorEditForm},
		{Method: "POST", Pattern: "/indicators/{id}", Perm: edit, Handler: s.handleIndicatorEdit},
		{Method: "GET", Pattern: "/assessments", Perm: view, Handler: s.handleAssessments},
		{Method: "POST", Pattern: "/assessments", Perm: edit, Handler: s.handleAssessmentOpen},
		{Method: "GET", Pattern: "/assessments/{id}", Perm: view, Handler: s.handleAssessment},
		{Method: "POST", Pattern: "/assessments/{id}/close", Perm: edit, Handler: s.handleAssessmentClose},
		{Method: "GET", Pattern: "/assessments/{id}/export.xlsx", Perm: view, Handler: s.handleAssessmentExport},
		{Method: "GET", Pattern: "/assessments/{id}/units/{unit}", Perm: view, Handler: s.handleAssessUnit},
		{Method: "POST", Pattern: "/assessments/{id}/units/{unit}/self", Perm: auth.PermAssessSelf, Handler: s.handleAssessSelf},
		{Method: "POST", Pattern: "/assessments/{id}/units/{unit}/score", Perm: auth.PermAssessScore, Handler: s.handleAssessScore},
		{Method: "POST", Pattern: "/assessments/{id}/units/{unit}/evidence", Perm: auth.PermAssessSelf, Handler: s.handleAssessEvidence},
	}
}

// assessTarget reads the round and the unit of an assessment URL, refusing
// units outside the round or the user's scope.
func (s *Server) assessTarget(r *http.Request) (indicator.Round, int64, error) {
	id, err := pathID(r)
	if err != nil {
		return indicator.Round{}, 0, err
	}
	round, err := s.Indicator.Round(r.Context(), id)
	if err != nil {
		return indicator.Round{}, 0, err
	}
	unitID, err := strconv.ParseInt(r.PathValue("unit"), 10, 64)
	if err != nil || !round.HasUnit(unitID) {
		return indicator.Round{}, 0, httpx.ErrNotFound
	}
	if err := s.checkUnitInScope(r, unitID); err != nil {
		return indicator.Round{}, 0, err
	}
	return round, unitID, nil
}

func assessUnitPath(roundID, unitID int64) string {
	return "/assessments/" + itoa(roundID) + "/units/" + itoa(unitID)
}
