package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"fazhi/internal/supervise"
)

// The lead unit's 法制员 breaks a task down onto one of the task's units;
// the sub-task shows on the task page with its due date and is closed there.
func TestSubtaskBreakdown(t *testing.T) {
	f, _, _ := superviseFixture(t)
	scj := unitID(t, f, "清溪县市场监督管理局")
	as, err := f.app.Web.Tasks.List(t.Context(), supervise.Filter{UnitID: scj, LeadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var a supervise.Assignment
	for _, x := range as {
		if x.Stored != supervise.StatusDone {
			a = x
			break
		}
	}
	if a.ID == 0 {
		t.Fatal("no open task led by 县市场监督管理局 in the demo")
	}
	legal, officer := f.as(t, "legal.scjgj"), f.as(t, "officer.scjgj")
	path := "/tasks/" + idText(a.TaskID)
	wantPage(t, legal, path, http.StatusOK, "任务分解", "添加分解任务")

	form := url.Values{"title": {"梳理本系统执法事项"}, "unit_id": {idText(scj)}, "due_date": {"2020-01-01"}}
	resp, body := legal.post("/tasks/assignments/"+idText(a.ID)+"/subtasks", form)
	if resp.StatusCode != http.StatusBadRequest || !regexp.MustCompile(`完成时限.*已经过去`).MatchString(body) {
		t.Fatalf("past due date: %d", resp.StatusCode)
	}
	form.Set("due_date", "2027-01-15")
	if resp, _ := officer.post("/tasks/assignments/"+idText(a.ID)+"/subtasks", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("officer breakdown: %d, want 403", resp.StatusCode)
	}
	if resp, _ := legal.post("/tasks/assignments/"+idText(a.ID)+"/subtasks", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("breakdown: %d", resp.StatusCode)
	}
	body = wantPage(t, legal, path, http.StatusOK, "梳理本系统执法事项", "2027年1月15日", "办理中")
	m := regexp.MustCompile(`action="/tasks/subtasks/(\d+)/done"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no completion form")
	}
	if resp, _ := legal.post("/tasks/subtasks/"+m[1]+"/done", url.Values{"task_id": {idText(a.TaskID)}, "note": {"已梳理事项86项"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("done: %d", resp.StatusCode)
	}
	wantPage(t, legal, path, http.StatusOK, "已办结", "已梳理事项86项")
}
