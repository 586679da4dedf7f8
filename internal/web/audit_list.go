package web

import (
	"net/http"
	"net/url"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/httpx"
)

// auditFilter reads the audit page's filter form (dates as YYYY-MM-DD, China time).
func auditFilter(r *http.Request) (audit.Filter, error) {
	q := r.URL.Query()
	f := audit.Filter{Username: q.Get("username"), Action: q.Get("action"), ObjectType: q.Get("object_type"), Text: q.Get("q")}
	if v := q.Get("from"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, cst)
		if err != nil {
			return f, httpx.Invalid("开始日期格式应为 年-月-日，例如 2026-01-31")
		}
		f.From = t
	}
	if v := q.Get("to"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, cst)
		if err != nil {
			return f, httpx.Invalid("结束日期格式应为 年-月-日，例如 2026-01-31")
		}
		f.To = t.Add(24*time.Hour - time.Nanosecond)
	}
	return f, nil
}

type auditRow struct {
	audit.Row
	ActionLabel string
	Changes     []audit.Change
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, per := httpx.Page(r, 50)
	f.Limit, f.Offset = per, (page-1)*per
	rows, total, err := audit.Search(r.Context(), s.DB, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	view := make([]auditRow, len(rows))
	for i, row := range rows {
		view[i] = auditRow{Row: row, ActionLabel: audit.ActionLabel(row.Action), Changes: audit.ParseChanges(row.Changes)}
	}
	q := r.URL.Query()
	q.Del("page")
	s.render(w, http.StatusOK, "audit", s.view(r, "审计日志", map[string]any{
		"Rows": view, "Total": total, "Query": q, "QueryString": q.Encode(), "Actions": audit.ActionNames,
		"Pager": newPager(page, per, total, q),
	}))
}

// pager is the previous/next navigation of a list page.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string
}

func newPager(page, per, total int, q url.Values) pager {
	p := pager{Page: page, Total: total, Pages: (total + per - 1) / per}
	if p.Pages == 0 {
		p.Pages = 1
	}
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", itoa(n))
		return "?" + v.Encode()
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < p.Pages {
		p.Next = link(page + 1)
	}
	return p
}
