package web

import (
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

// SuperviseDeps are the services the supervise pages use.
type SuperviseDeps struct {
	Tasks *supervise.Service
}

// superviseRoutes are task supervision: the task list and page, progress
// reports with their review, completion, export and the dashboard; 督察
// rounds with their findings and 整改 items. Without
// the service there are none.
func (s *Server) superviseRoutes() []httpx.Route {
	if s.Tasks == nil {
		return nil
	}
	view, report, review := auth.PermPlanView, auth.PermTaskReport, auth.PermTaskReview
	return []httpx.Route{
		{Method: "GET", Pattern: "/tasks", Perm: view, Handler: s.handleTasks},
		{Method: "GET", Pattern: "/tasks/export.xlsx", Perm: view, Handler: s.handleTasksExport},
		{Method: "GET", Pattern: "/tasks/{id}", Perm: view, Handler: s.handleTask},
		{Method: "POST", Pattern: "/tasks/{id}/reports", Perm: report, Handler: s.handleTaskReport},
		{Method: "POST", Pattern: "/tasks/reports/{id}/accept", Perm: review, Handler: s.handleReportAccept},
		{Method: "POST", Pattern: "/tasks/reports/{id}/return", Perm: review, Handler: s.handleReportReturn},
		{Method: "POST", Pattern: "/tasks/assignments/{id}/complete", Perm: report, Handler: s.handleAssignmentComplete},
		{Method: "POST", Pattern: "/tasks/assignments/{id}/subtasks", Perm: report, Handler: s.handleSubtaskCreate},
		{Method: "POST", Pattern: "/tasks/subtasks/{id}/done", Perm: report, Handler: s.handleSubtaskDone},
		{Method: "POST", Pattern: "/supervise/plans/{id}/activate", Perm: auth.PermPlanManage, Handler: s.handleTasksActivate},
		{Method: "GET", Pattern: "/supervise/dashboard", Perm: view, Handler: s.handleSuperviseDashboard},
		// 督察 rounds and their rectification (整改) items.
		{Method: "GET", Pattern: "/supervise/rounds", Perm: review, Handler: s.handleRounds},
		{Method: "GET", Pattern: "/supervise/rounds/new", Perm: review, Handler: s.handleRoundNew},
		{Method: "POST", Pattern: "/supervise/rounds", Perm: review, Handler: s.handleRoundCreate},
		{Method: "GET", Pattern: "/supervise/rounds/{id}", Perm: review, Handler: s.handleRound},
		{Method: "GET", Pattern: "/supervise/rounds/{id}/export.xlsx", Perm: review, Handler: s.handleRoundExport},
		{Method: "POST", Pattern: "/supervise/rounds/{id}/targets", Perm: review, Handler: s.handleRoundTargets},
		{Method: "POST", Pattern: "/supervise/rounds/{id}/findings", Perm: review, Handler: s.handleRoundFinding},
		{Method: "POST", Pattern: "/supervise/rounds/{id}/close", Perm: review, Handler: s.handleRoundClose},
		{Method: "POST", Pattern: "/supervise/findings/{id}/rectifications", Perm: review, Handler: s.handleRectifyCreate},
		{Method: "GET", Pattern: "/rectifications", Perm: report, Handler: s.handleRectifications},
		{Method: "POST", Pattern: "/rectifications/{id}/evidence", Perm: report, Handler: s.handleRectifySubmit},
		{Method: "POST", Pattern: "/rectifications/{id}/accept", Perm: review, Handler: s.handleRectifyAccept},
		{Method: "POST", Pattern: "/rectifications/{id}/return", Perm: review, Handler: s.handleRectifyReturn},
	}
}
