package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"fazhi/internal/enforcement"
)

// decisionSearch reads the search form; the error is shown on the page.
func decisionSearch(r *http.Request) (enforcement.PublicationFilter, error) {
	return decisionSearchForm(r.URL.Query())
}

// decisionSearchForm reads the search form from an already parsed query.
func decisionSearchForm(q url.Values) (enforcement.PublicationFilter, error) {
	f := enforcement.PublicationFilter{Query: q.Get("q"), PerPage: 20}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.ItemID, _ = strconv.ParseInt(q.Get("item"), 10, 64)
	var err error
	f.From, f.To, err = enforcement.ParseSearchDates(q.Get("from"), q.Get("to"))
	return f, err
}

// handlePortalDecisions is the public search of published decisions (never
// withdrawn ones) by unit, period, item and keyword.
func (s *Server) handlePortalDecisions(w http.ResponseWriter, r *http.Request) {
	pick, err := s.portalUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f, ferr := decisionSearchForm(q)
	f.UnitID, f.Public = pick.UnitID, true
	d := map[string]any{"Pick": pick, "Q": q}
	status := http.StatusOK
	if ferr != nil {
		status = http.StatusBadRequest
	} else {
		list, more, err := s.Enforcement.SearchPublic(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d["Rows"], d["Pager"] = decisionRows(list), publicPager(max(f.Page, 1), more, q)
		if pick.UnitID != 0 {
			items, err := s.Enforcement.CurrentItems(r.Context(), pick.UnitID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			d["ItemOptions"] = selectOptions(len(items), func(i int) (int64, string) { return items[i].ID, items[i].Name }, f.ItemID)
		}
	}
	v := s.view(r, "执法决定公示", d)
	if ferr != nil {
		v.Error = ferr.Error()
	}
	s.render(w, status, "public_enf_decisions", v)
}

// handlePortalDecision shows one published decision; a withdrawn one says
// so, with the date and reason, instead of its content.
func (s *Server) handlePortalDecision(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Enforcement.PublicationByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "public_enf_decision", s.view(r, p.Title, p))
}

// publicPager links the neighbouring pages of a search that is not counted.
type publicPagerData struct {
	Page       int
	Prev, Next string
}

func publicPager(page int, more bool, q url.Values) publicPagerData {
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", itoa(n))
		return "?" + v.Encode()
	}
	p := publicPagerData{Page: page}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if more {
		p.Next = link(page + 1)
	}
	return p
}

// selectOptions writes the <option>s of a select of n choices, the one
// with id selected marked. The public search shows every unit (and a
// unit's items) on every page; written here it costs one call instead of
// three reflective template calls per option, which were a third of the
// page's CPU under load (docs/BENCHMARKS.md).
func selectOptions(n int, choice func(i int) (int64, string), selected int64) template.HTML {
	var b strings.Builder
	b.Grow(n * 64)
	for i := range n {
		id, name := choice(i)
		b.WriteString(`<option value="`)
		b.WriteString(strconv.FormatInt(id, 10))
		if id == selected {
			b.WriteString(`" selected>`)
		} else {
			b.WriteString(`">`)
		}
		b.WriteString(template.HTMLEscapeString(name))
		b.WriteString("</option>")
	}
	return template.HTML(b.String()) // #nosec G203 -- every name is escaped above
}

// isoDateText is the templates' isoDate (2026年3月10日).
var isoDateText = funcs["isoDate"].(func(string) string)

// decisionRows writes the result table's rows, for the same reason as
// selectOptions: five template actions per row were the larger part of
// rendering the page.
func decisionRows(list []enforcement.Publication) template.HTML {
	if len(list) == 0 {
		return `<tr><td colspan="4">没有符合条件的执法决定。</td></tr>`
	}
	var b strings.Builder
	b.Grow(len(list) * 320)
	for _, p := range list {
		b.WriteString(`<tr><td data-label="标题"><a href="/public/enforcement/decisions/`)
		b.WriteString(strconv.FormatInt(p.ID, 10))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(p.Title))
		b.WriteString(`</a></td><td data-label="执法单位">`)
		b.WriteString(template.HTMLEscapeString(p.UnitName))
		b.WriteString(`</td><td data-label="文号">`)
		b.WriteString(template.HTMLEscapeString(p.DecisionNo))
		b.WriteString(`</td><td data-label="决定日期">`)
		b.WriteString(template.HTMLEscapeString(isoDateText(p.DecidedOn)))
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- every value is escaped above
}
