package web

import (
	"bytes"
	"net/http"
	"strconv"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

// enfSuperviseRoutes are the supervision pages: 两法衔接, complaints about
// enforcement and 复议/诉讼 (案卷评查 has its own file).
//
// Who may do what:
//   - reading (lists, pages, exports): PermEnforceView, like the cases they
//     refer to — every business role, inside its scope;
//   - a referral and the police's answers: PermCaseHandle — the unit's
//     officers and 法制员 refer their own case (as with the 移送 step);
//   - the 检察监督 note: PermEnforceSupervise — the 法治办 coordinates 两法衔接
//     with the procuratorate;
//   - complaints: PermComplaintHandle — the 法治办 receives, investigates and
//     answers them and alone sees the complainant (the unit complained of and
//     the 考核员 only read, the complainant masked);
//   - 复议/诉讼 and their outcomes: PermEnforceManage — the unit's 法制员 answer
//     复议 and 应诉, and the 法治办 (复议机构) records outcomes;
func (s *Server) enfSuperviseRoutes() []httpx.Route {
	view, handle := auth.PermEnforceView, auth.PermCaseHandle
	sup, manage, complaint := auth.PermEnforceSupervise, auth.PermEnforceManage, auth.PermComplaintHandle
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/referrals", Perm: view, Handler: s.handleEnfReferrals},
		{Method: "GET", Pattern: "/enforcement/referrals/export.xlsx", Perm: view, Handler: s.handleEnfReferralsExport},
		{Method: "GET", Pattern: "/enforcement/referrals/new", Perm: handle, Handler: s.handleEnfReferralNew},
		{Method: "POST", Pattern: "/enforcement/referrals", Perm: handle, Handler: s.handleEnfReferralCreate},
		{Method: "GET", Pattern: "/enforcement/referrals/{id}", Perm: view, Handler: s.handleEnfReferral},
		{Method: "POST", Pattern: "/enforcement/referrals/{id}/status", Perm: handle, Handler: s.handleEnfReferralStatus},
		{Method: "POST", Pattern: "/enforcement/referrals/{id}/oversight", Perm: sup, Handler: s.handleEnfReferralOversight},

		{Method: "GET", Pattern: "/enforcement/complaints", Perm: view, Handler: s.handleEnfComplaints},
		{Method: "GET", Pattern: "/enforcement/complaints/export.xlsx", Perm: view, Handler: s.handleEnfComplaintsExport},
		{Method: "GET", Pattern: "/enforcement/complaints/new", Perm: complaint, Handler: s.handleEnfComplaintNew},
		{Method: "POST", Pattern: "/enforcement/complaints", Perm: complaint, Handler: s.handleEnfComplaintCreate},
		{Method: "GET", Pattern: "/enforcement/complaints/{id}", Perm: view, Handler: s.handleEnfComplaint},
		{Method: "POST", Pattern: "/enforcement/complaints/{id}/status", Perm: complaint, Handler: s.handleEnfComplaintAdvance},

		{Method: "GET", Pattern: "/enforcement/appeals", Perm: view, Handler: s.handleEnfAppeals},
		{Method: "GET", Pattern: "/enforcement/appeals/export.xlsx", Perm: view, Handler: s.handleEnfAppealsExport},
		{Method: "GET", Pattern: "/enforcement/appeals/new", Perm: manage, Handler: s.handleEnfAppealNew},
		{Method: "POST", Pattern: "/enforcement/appeals", Perm: manage, Handler: s.handleEnfAppealCreate},
		{Method: "GET", Pattern: "/enforcement/appeals/{id}", Perm: view, Handler: s.handleEnfAppeal},
		{Method: "POST", Pattern: "/enforcement/appeals/{id}/outcome", Perm: manage, Handler: s.handleEnfAppealOutcome},
	}
}

// enfAnnualRoutes are the 行政执法统计年报 (from the rollups), its XLSX and
// the consistency recount.
func (s *Server) enfAnnualRoutes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/stats", Perm: auth.PermEnforceStats, Handler: s.handleEnfAnnual},
		{Method: "GET", Pattern: "/enforcement/stats/export.xlsx", Perm: auth.PermEnforceStats, Handler: s.handleEnfAnnualExport},
		{Method: "POST", Pattern: "/enforcement/stats/rebuild", Perm: auth.PermJobRun, Handler: s.handleEnfAnnualRebuild},
	}
}

// enfYear reads the ?year= of a supervision list (this year by default).
func (s *Server) enfYear(r *http.Request) (int, error) {
	this, _ := strconv.Atoi(s.enfToday()[:4])
	v := r.URL.Query().Get("year")
	if v == "" {
		return this, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > this+1 {
		return this, httpx.Invalid("年度参数不正确：“" + v + "”")
	}
	return y, nil
}

// enfSupXLSX is the content type of the supervision pages' downloads.
const enfSupXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// sendEnfTable writes a list export as XLSX.
func (s *Server) sendEnfTable(w http.ResponseWriter, r *http.Request, name string, t xlsx.Table) {
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, name, enfSupXLSX, buf.Bytes())
}
