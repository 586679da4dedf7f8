package web

import (
	"bytes"
	"net/http"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/plan"
	"fazhi/internal/xlsx"
)

// handlePlanExport sends a plan as XLSX: one sheet of tasks with their
// units and deadlines, one of task × unit rows for assignment.
func (s *Server) handlePlanExport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Plans.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("mine") == "1" {
		u := httpx.User(r)
		p.Chapters = filterPlanTasks(p.Chapters, func(t plan.Task) bool { return t.InScope(u.InScope) })
	}
	tasks := xlsx.Table{Sheet: "任务", Headers: []string{"序号", "编号", "章节", "任务", "责任单位（原文）", "责任单位（本级）",
		"配合单位（原文）", "配合单位（本级）", "时限（原文）", "时限"}, Widths: []float64{6, 10, 36, 40, 36, 48, 24, 30, 20, 30}}
	units := xlsx.Table{Sheet: "任务分工", Headers: []string{"编号", "任务", "单位", "角色", "原文名称", "匹配方式", "分组"},
		Widths: []float64{10, 40, 30, 8, 24, 10, 20}}
	for _, c := range p.Chapters {
		for _, t := range c.Tasks {
			var phrases, labels []string
			for _, m := range t.Milestones {
				phrases, labels = append(phrases, m.Phrase), append(labels, m.Label())
			}
			tasks.Rows = append(tasks.Rows, []any{t.Seq, t.Marker, c.Heading, t.Title, rawNames(t.Lead), unitNames(t.Lead),
				rawNames(t.Co), unitNames(t.Co), strings.Join(phrases, "、"), strings.Join(labels, "；")})
			units.Rows = append(units.Rows, assignmentRows(t, "牵头/责任", t.Lead)...)
			units.Rows = append(units.Rows, assignmentRows(t, "配合", t.Co)...)
		}
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, tasks, units); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "方案任务-"+itoa(p.ID)+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

func assignmentRows(t plan.Task, role string, names []plan.TaskName) [][]any {
	var out [][]any
	for _, n := range names {
		if len(n.Units) == 0 {
			out = append(out, []any{t.Marker, t.Title, "", role, n.Raw, n.State.Label(), n.GroupName})
		}
		for _, u := range n.Units {
			out = append(out, []any{t.Marker, t.Title, u.Name, role, n.Raw, n.State.Label(), n.GroupName})
		}
	}
	return out
}

func rawNames(names []plan.TaskName) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.Raw
	}
	return strings.Join(out, "、")
}

// unitNames lists the county's units a task's names stand for, a group by
// its name and size.
func unitNames(names []plan.TaskName) string {
	var out []string
	for _, n := range names {
		switch {
		case n.GroupName != "":
			out = append(out, n.GroupName+"（"+itoa(len(n.Units))+"个单位）")
		case len(n.Units) == 0:
		default:
			for _, u := range n.Units {
				out = append(out, u.Name)
			}
		}
	}
	return strings.Join(out, "、")
}
