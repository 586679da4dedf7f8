package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/indicator"
	"fazhi/internal/metric"
)

type indicatorEditData struct {
	Node    indicator.Node
	Methods []indicator.Method
	Metrics []metric.Info
	Errors  []string
}

// handleIndicatorEditForm shows one indicator's edit form.
func (s *Server) handleIndicatorEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := s.Indicator.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.indicatorEditPage(w, r, http.StatusOK, n, nil)
}

func (s *Server) indicatorEditPage(w http.ResponseWriter, r *http.Request, status int, n indicator.Node, problems []string) {
	d := indicatorEditData{Node: n, Errors: problems,
		Methods: []indicator.Method{indicator.MethodAuto, indicator.MethodManual, indicator.MethodDeduction}}
	if s.Indicator.Metrics != nil {
		d.Metrics = s.Indicator.Metrics.List()
	}
	v := s.view(r, "修改指标 "+n.Code, d)
	if len(problems) > 0 {
		v.Error = "未保存：" + strings.Join(problems, "；")
	}
	s.render(w, status, "indicator_edit", v)
}

// handleIndicatorEdit saves one indicator; the whole tree is checked again.
func (s *Server) handleIndicatorEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := s.Indicator.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, ok := indicator.ParseMethod(r.PostFormValue("method"))
	var bad []string
	if !ok {
		bad = append(bad, "评分方式无效")
	}
	num := func(field, label string) float64 {
		v := strings.TrimSpace(r.PostFormValue(field))
		if v == "" {
			return 0
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			bad = append(bad, "“"+label+"”应为非负数")
		}
		return f
	}
	e := indicator.Edit{Name: strings.TrimSpace(r.PostFormValue("name")), Method: m,
		MetricKey: strings.TrimSpace(r.PostFormValue("metric_key")), Target: strings.TrimSpace(r.PostFormValue("target")),
		PerDeduction: num("per_deduction", "每次扣分"), DeductionCap: num("deduction_cap", "扣分上限"),
		Description: strings.TrimSpace(r.PostFormValue("description"))}
	if !n.Leaf {
		e.Method, e.MetricKey, e.Target, e.PerDeduction, e.DeductionCap = "", "", "", 0, 0
	}
	posted := n
	posted.Name, posted.Method, posted.MetricKey, posted.Target = e.Name, e.Method, e.MetricKey, e.Target
	posted.PerDeduction, posted.DeductionCap, posted.Description = e.PerDeduction, e.DeductionCap, e.Description
	if len(bad) > 0 {
		s.indicatorEditPage(w, r, http.StatusBadRequest, posted, bad)
		return
	}
	_, err = s.Indicator.Update(r.Context(), id, e)
	var ve *indicator.ValidationError
	if errors.As(err, &ve) {
		s.indicatorEditPage(w, r, http.StatusBadRequest, posted, ve.Messages())
		return
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.renderError(w, r, ae)
		}
		return
	}
	flashRedirect(w, r, "/indicators", "已保存指标 "+n.Code+" "+e.Name)
}
