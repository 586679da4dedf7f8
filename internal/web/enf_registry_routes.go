package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// enfRegistryRoutes are the 执法主体, 执法人员, 学时, 权责清单 and 裁量基准 pages.
func (s *Server) enfRegistryRoutes() []httpx.Route {
	view, manage := auth.PermEnforceView, auth.PermEnforceManage
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/subjects", Perm: view, Handler: s.handleEnfSubjects},
		{Method: "POST", Pattern: "/enforcement/subjects", Perm: manage, Handler: s.handleEnfSubjectCreate},
		{Method: "GET", Pattern: "/enforcement/subjects/{id}", Perm: view, Handler: s.handleEnfSubject},
		{Method: "POST", Pattern: "/enforcement/subjects/{id}", Perm: manage, Handler: s.handleEnfSubjectUpdate},

		{Method: "GET", Pattern: "/enforcement/officers", Perm: view, Handler: s.handleEnfOfficers},
		{Method: "GET", Pattern: "/enforcement/officers/export.xlsx", Perm: view, Handler: s.handleEnfOfficersExport},
		{Method: "GET", Pattern: "/enforcement/officers/new", Perm: manage, Handler: s.handleEnfOfficerNew},
		{Method: "POST", Pattern: "/enforcement/officers", Perm: manage, Handler: s.handleEnfOfficerCreate},
		{Method: "GET", Pattern: "/enforcement/officers/{id}", Perm: view, Handler: s.handleEnfOfficer},
		{Method: "POST", Pattern: "/enforcement/officers/{id}", Perm: manage, Handler: s.handleEnfOfficerUpdate},
		{Method: "POST", Pattern: "/enforcement/officers/{id}/status", Perm: manage, Handler: s.handleEnfOfficerStatus},
		{Method: "POST", Pattern: "/enforcement/officers/{id}/training", Perm: manage, Handler: s.handleEnfTrainingAdd},
		{Method: "POST", Pattern: "/enforcement/training/{id}/delete", Perm: manage, Handler: s.handleEnfTrainingDelete},
		{Method: "POST", Pattern: "/enforcement/posts", Perm: manage, Handler: s.handleEnfOfficerPosts},

		{Method: "GET", Pattern: "/enforcement/items", Perm: view, Handler: s.handleEnfItems},
		{Method: "POST", Pattern: "/enforcement/lists", Perm: manage, Handler: s.handleEnfListDraft},
		{Method: "GET", Pattern: "/enforcement/lists/compare", Perm: view, Handler: s.handleEnfListCompare},
		{Method: "GET", Pattern: "/enforcement/lists/{id}", Perm: view, Handler: s.handleEnfList},
		{Method: "GET", Pattern: "/enforcement/lists/{id}/export.xlsx", Perm: view, Handler: s.handleEnfListExport},
		{Method: "POST", Pattern: "/enforcement/lists/{id}/publish", Perm: manage, Handler: s.handleEnfListPublish},
		{Method: "POST", Pattern: "/enforcement/lists/{id}/discard", Perm: manage, Handler: s.handleEnfListDiscard},
		{Method: "POST", Pattern: "/enforcement/lists/{id}/import", Perm: manage, Handler: s.handleEnfListImport},
		{Method: "POST", Pattern: "/enforcement/lists/{id}/import/confirm", Perm: manage, Handler: s.handleEnfListImportConfirm},
		{Method: "GET", Pattern: "/enforcement/lists/{id}/items/new", Perm: manage, Handler: s.handleEnfItemNew},
		{Method: "POST", Pattern: "/enforcement/lists/{id}/items", Perm: manage, Handler: s.handleEnfItemCreate},
		{Method: "GET", Pattern: "/enforcement/items/{id}/edit", Perm: manage, Handler: s.handleEnfItemEdit},
		{Method: "POST", Pattern: "/enforcement/items/{id}", Perm: manage, Handler: s.handleEnfItemUpdate},
		{Method: "POST", Pattern: "/enforcement/items/{id}/delete", Perm: manage, Handler: s.handleEnfItemDelete},

		{Method: "GET", Pattern: "/enforcement/settings", Perm: manage, Handler: s.handleEnfSettings},
		{Method: "POST", Pattern: "/enforcement/settings", Perm: manage, Handler: s.handleEnfSettingSave},
	}
}

// enfInScope refuses a record of a unit outside the user's data scope.
func enfInScope(r *http.Request, unitPath, unitName string) error {
	if httpx.User(r).InScope(unitPath) {
		return nil
	}
	return &httpx.AppError{Status: http.StatusForbidden, Code: "forbidden",
		Message: "单位“" + unitName + "”不在您的数据范围内"}
}

// enfUnitParam reads a unit id from the query or form ("" → the user's own
// unit) and checks it is in scope.
func (s *Server) enfUnitParam(r *http.Request, v string) (int64, error) {
	id := httpx.User(r).UnitID
	if v = strings.TrimSpace(v); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return 0, httpx.Invalid("单位参数不正确")
		}
		id = n
	}
	return id, s.checkUnitInScope(r, id)
}

// enfToday is the legal date today, as the deadline engine counts it.
func (s *Server) enfToday() string { return s.Enforcement.Deadlines.Today().String() }

// enfFormBool reads a checkbox.
func enfFormBool(r *http.Request, name string) bool {
	v := r.PostFormValue(name)
	return v == "1" || v == "on" || v == "true"
}
