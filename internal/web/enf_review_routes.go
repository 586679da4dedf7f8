package web

import (
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// enfReviewRoutes are the 案卷评查 pages.
//
// Who may do what:
//   - organising and reviewing (rounds, sampling, scoring, 整改 orders,
//     销号/退回, closing, results and exports): PermEnforceSupervise — the
//     法治办 and the 考核员 who score the files, inside their scope;
//   - a unit's own results and 整改 items (/enforcement/reviews/mine):
//     PermEnforceView — everyone of the unit may read how its files fared;
//   - reporting a 整改 with evidence: PermEnforceManage — the unit's 法制员
//     answer for the unit's case files as a whole (officers, who hold
//     PermCaseHandle, act on single cases, not for the unit).
func (s *Server) enfReviewRoutes() []httpx.Route {
	sup, view, manage := auth.PermEnforceSupervise, auth.PermEnforceView, auth.PermEnforceManage
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/reviews", Perm: sup, Handler: s.handleReviewRounds},
		{Method: "GET", Pattern: "/enforcement/reviews/new", Perm: sup, Handler: s.handleReviewNew},
		{Method: "POST", Pattern: "/enforcement/reviews", Perm: sup, Handler: s.handleReviewCreate},
		{Method: "GET", Pattern: "/enforcement/reviews/{id}", Perm: sup, Handler: s.handleReviewRound},
		{Method: "POST", Pattern: "/enforcement/reviews/{id}/close", Perm: sup, Handler: s.handleReviewClose},
		{Method: "GET", Pattern: "/enforcement/reviews/{id}/results", Perm: sup, Handler: s.handleReviewResults},
		{Method: "GET", Pattern: "/enforcement/reviews/{id}/results.xlsx", Perm: sup, Handler: s.handleReviewExport},
		{Method: "GET", Pattern: "/enforcement/reviews/{id}/cases/{rc}", Perm: sup, Handler: s.handleReviewCase},
		{Method: "POST", Pattern: "/enforcement/reviews/{id}/cases/{rc}/score", Perm: sup, Handler: s.handleReviewScore},
		{Method: "POST", Pattern: "/enforcement/reviews/{id}/cases/{rc}/rectifications", Perm: sup, Handler: s.handleReviewRectIssue},
		{Method: "GET", Pattern: "/enforcement/reviews/rectifications", Perm: sup, Handler: s.handleReviewRects},
		{Method: "POST", Pattern: "/enforcement/reviews/rectifications/{id}/close", Perm: sup, Handler: s.handleReviewRectClose},
		{Method: "POST", Pattern: "/enforcement/reviews/rectifications/{id}/return", Perm: sup, Handler: s.handleReviewRectReturn},
		{Method: "GET", Pattern: "/enforcement/reviews/mine", Perm: view, Handler: s.handleReviewMine},
		{Method: "POST", Pattern: "/enforcement/reviews/mine/{id}/submit", Perm: manage, Handler: s.handleReviewRectSubmit},
	}
}
