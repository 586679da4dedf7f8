// Package api is the JSON API under /api/v1 for other systems: personal API
// token auth (done by the web guard), one error format, pagination, and an
// OpenAPI document generated from the same table as the routes.
package api

import (
	"net/http"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/jobs"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// API holds the services the endpoints read.
type API struct {
	DB    *store.DB
	Auth  *auth.Service
	Org   *org.Service
	Audit *audit.Logger
	Jobs  *jobs.Runner
}

// endpoint is a route plus its OpenAPI description.
type endpoint struct {
	httpx.Route
	Summary string
	Params  []param
	Schema  string // name of the response schema in components
	List    bool   // response is the paginated list envelope of Schema
}

type param struct {
	Name, In, Desc string
	Type           string // string | integer
}

var pageParams = []param{
	{"page", "query", "页码，从1开始", "integer"},
	{"per_page", "query", "每页条数，默认50，最大200", "integer"},
}

func (a *API) endpoints() []endpoint {
	id := []param{{"id", "path", "编号", "integer"}}
	return []endpoint{
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/openapi.json", Public: true, Handler: a.handleOpenAPI},
			Summary: "本接口的 OpenAPI 3.0 描述", Schema: "OpenAPI"},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/me", Perm: auth.PermHome, Handler: a.handleMe},
			Summary: "当前令牌所属账号", Schema: "User"},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/units", Perm: auth.PermUnitView, Handler: a.handleUnits},
			Summary: "数据范围内的单位", Schema: "Unit", List: true,
			Params: append([]param{{"status", "query", "active（默认）、inactive 或 all", "string"}}, pageParams...)},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/units/{id}", Perm: auth.PermUnitView, Handler: a.handleUnit},
			Summary: "单位详情", Schema: "Unit", Params: id},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/users", Perm: auth.PermUserView, Handler: a.handleUsers},
			Summary: "数据范围内的账号", Schema: "User", List: true,
			Params: append([]param{{"q", "query", "用户名、姓名或单位", "string"}}, pageParams...)},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/audit", Perm: auth.PermAuditView, Handler: a.handleAudit},
			Summary: "审计日志（仅安全审计员）", Schema: "AuditRow", List: true,
			Params: append([]param{{"from", "query", "开始日期 YYYY-MM-DD", "string"}, {"to", "query", "结束日期 YYYY-MM-DD", "string"},
				{"username", "query", "用户名", "string"}, {"action", "query", "操作代码，以 . 结尾表示前缀", "string"},
				{"q", "query", "关键词", "string"}}, pageParams...)},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/jobs", Perm: auth.PermJobView, Handler: a.handleJobs},
			Summary: "数据范围内的后台任务（导入、文书生成、统计重建等）", Schema: "Job", List: true, Params: pageParams},
		{Route: httpx.Route{Method: "GET", Pattern: "/api/v1/jobs/{id}", Perm: auth.PermJobView, Handler: a.handleJob},
			Summary: "后台任务的状态、进度、结果与错误", Schema: "Job", Params: id},
	}
}

// Routes returns the API's routes for the web server to mount.
func (a *API) Routes() []httpx.Route {
	var out []httpx.Route
	for _, e := range a.endpoints() {
		out = append(out, e.Route)
	}
	return out
}

func writeList[T any](w http.ResponseWriter, items []T, total, page, per int) {
	if items == nil {
		items = []T{}
	}
	httpx.WriteJSON(w, http.StatusOK, httpx.List[T]{Items: items, Total: total, Page: page, PerPage: per})
}

func fail(w http.ResponseWriter, err error) { httpx.WriteError(w, httpx.Classify(err)) }
