// Package auth holds users, roles, permissions, sessions and API tokens.
// Permissions are checked per action; data is scoped to a unit subtree.
package auth

// Role is a named set of permissions. The three system roles follow 三员分立:
// the system administrator runs accounts and units but cannot read the audit
// log, the security administrator assigns roles, the auditor only reads the log.
type Role string

const (
	RoleSysAdmin    Role = "sysadmin"   // 系统管理员
	RoleSecAdmin    Role = "secadmin"   // 安全保密管理员
	RoleAuditor     Role = "auditor"    // 安全审计员
	RoleLegalOffice Role = "fazhiban"   // 法治办 (county supervisor)
	RoleDeptLegal   Role = "dept_legal" // 部门法制员
	RoleOfficer     Role = "officer"    // 执法人员
	RoleLeader      Role = "leader"     // 领导
	RoleAssessor    Role = "assessor"   // 考核员
)

// AllRoles in display order.
var AllRoles = []Role{RoleSysAdmin, RoleSecAdmin, RoleAuditor, RoleLegalOffice, RoleDeptLegal,
	RoleOfficer, RoleLeader, RoleAssessor}

var roleNames = map[Role]string{
	RoleSysAdmin:    "系统管理员",
	RoleSecAdmin:    "安全保密管理员",
	RoleAuditor:     "安全审计员",
	RoleLegalOffice: "法治办",
	RoleDeptLegal:   "部门法制员",
	RoleOfficer:     "执法人员",
	RoleLeader:      "领导",
	RoleAssessor:    "考核员",
}

// Label is the role's Chinese name.
func (r Role) Label() string {
	if s, ok := roleNames[r]; ok {
		return s
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleNames[r]; return ok }

// Perm is one action a route or service may require.
type Perm string

const (
	PermHome          Perm = "home.view"       // own home page, reminders, own password and tokens
	PermUnitView      Perm = "unit.view"       // see units of the scope
	PermUnitManage    Perm = "unit.manage"     // create, edit, move, merge units
	PermUserView      Perm = "user.view"       // list accounts
	PermUserManage    Perm = "user.manage"     // create, disable accounts, reset passwords
	PermRoleAssign    Perm = "role.assign"     // grant and revoke roles, unlock accounts
	PermAuditView     Perm = "audit.view"      // read, search, export and verify the audit log
	PermAttachView    Perm = "attachment.view" // download attachments of the scope
	PermAttachUpload  Perm = "attachment.upload"
	PermJobView       Perm = "job.view"       // see background jobs of the scope
	PermJobRun        Perm = "job.run"        // start maintenance jobs (statistics rebuilds)
	PermCalendarView  Perm = "calendar.view"  // calendar and deadline calculator
	PermCalendarEdit  Perm = "calendar.edit"  // import holiday notices, edit rules
	PermPlanView      Perm = "plan.view"      // plans and their tasks (own units' tasks for departments)
	PermPlanManage    Perm = "plan.manage"    // import, confirm and assign plans (法治办)
	PermTaskReport    Perm = "task.report"    // report progress on the own unit's plan tasks
	PermTaskReview    Perm = "task.review"    // accept or return progress reports, run 督察 rounds (法治办)
	PermLedgerView    Perm = "ledger.view"    // yearly statistics ledger (台账) and metrics
	PermLedgerEdit    Perm = "ledger.edit"    // enter the own unit's 台账 figures
	PermIndicatorView Perm = "indicator.view" // the indicator tree and assessment results
	PermIndicatorEdit Perm = "indicator.edit" // import and edit the indicator tree, open assessment rounds (法治办)
	PermAssessSelf    Perm = "assess.self"    // a unit's self-assessment with evidence
	PermAssessScore   Perm = "assess.score"   // reviewers' scoring (考核员, 法治办)

	PermReportView    Perm = "report.view"    // annual 法治政府建设 reports of the scope
	PermReportEdit    Perm = "report.edit"    // draft and edit the own unit's or region's report
	PermReportPublish Perm = "report.publish" // publish a report on the public portal (法治办)

	PermEnforceView      Perm = "enforce.view"      // 执法主体, 人员, 权责清单, cases of the scope
	PermEnforceManage    Perm = "enforce.manage"    // maintain 主体, 人员, 权责清单 and 裁量基准 of the own units
	PermCaseHandle       Perm = "case.handle"       // open cases and record their steps (执法人员, 法制员)
	PermCaseReview       Perm = "case.review"       // 法制审核, approvals and 集体讨论 records
	PermEnforceSupervise Perm = "enforce.supervise" // 案卷评查, 两法衔接 oversight (法治办, 考核员)
	PermComplaintHandle  Perm = "complaint.handle"  // receive and answer complaints about enforcement, see the complainant (法治办)
	PermEnforceStats     Perm = "enforce.stats"     // 行政执法统计年报 of the scope
	PermEnforceImport    Perm = "enforce.import"    // import cases and officers from XLSX/CSV
)

// business roles are the ones that work with the county's records.
var business = []Role{RoleLegalOffice, RoleDeptLegal, RoleOfficer, RoleLeader, RoleAssessor}

func with(base []Role, more ...Role) []Role { return append(append([]Role{}, base...), more...) }

// grants is the single permission table. Every route names one Perm; the
// route × role matrix test walks this table.
var grants = map[Perm][]Role{
	PermHome:          AllRoles,
	PermUnitView:      with(business, RoleSysAdmin, RoleSecAdmin),
	PermUnitManage:    {RoleSysAdmin},
	PermUserView:      {RoleSysAdmin, RoleSecAdmin},
	PermUserManage:    {RoleSysAdmin},
	PermRoleAssign:    {RoleSecAdmin},
	PermAuditView:     {RoleAuditor},
	PermAttachView:    business,
	PermAttachUpload:  {RoleLegalOffice, RoleDeptLegal, RoleOfficer},
	PermJobView:       with(business, RoleSysAdmin),
	PermJobRun:        {RoleLegalOffice, RoleSysAdmin},
	PermCalendarView:  AllRoles,
	PermCalendarEdit:  {RoleSysAdmin, RoleLegalOffice},
	PermPlanView:      {RoleLegalOffice, RoleDeptLegal, RoleLeader, RoleAssessor},
	PermPlanManage:    {RoleLegalOffice},
	PermTaskReport:    {RoleLegalOffice, RoleDeptLegal},
	PermTaskReview:    {RoleLegalOffice},
	PermLedgerView:    {RoleLegalOffice, RoleDeptLegal, RoleLeader, RoleAssessor},
	PermLedgerEdit:    {RoleLegalOffice, RoleDeptLegal},
	PermIndicatorView: {RoleLegalOffice, RoleDeptLegal, RoleLeader, RoleAssessor},
	PermIndicatorEdit: {RoleLegalOffice},
	PermAssessSelf:    {RoleLegalOffice, RoleDeptLegal},
	PermAssessScore:   {RoleLegalOffice, RoleAssessor},

	PermReportView:    {RoleLegalOffice, RoleDeptLegal, RoleLeader, RoleAssessor},
	PermReportEdit:    {RoleLegalOffice, RoleDeptLegal},
	PermReportPublish: {RoleLegalOffice},

	PermEnforceView:      business,
	PermEnforceManage:    {RoleLegalOffice, RoleDeptLegal},
	PermCaseHandle:       {RoleOfficer, RoleDeptLegal},
	PermCaseReview:       {RoleDeptLegal, RoleLegalOffice, RoleLeader},
	PermEnforceSupervise: {RoleLegalOffice, RoleAssessor},
	PermComplaintHandle:  {RoleLegalOffice},
	PermEnforceStats:     {RoleLegalOffice, RoleDeptLegal, RoleLeader, RoleAssessor},
	PermEnforceImport:    {RoleLegalOffice, RoleDeptLegal},
}

// AllPerms lists every permission, for tests and documentation.
func AllPerms() []Perm {
	out := make([]Perm, 0, len(grants))
	for p := range grants {
		out = append(out, p)
	}
	return out
}

// Allowed reports whether any of roles holds p.
func Allowed(roles []Role, p Perm) bool {
	if p == PermHome {
		return true
	}
	for _, r := range grants[p] {
		for _, have := range roles {
			if r == have {
				return true
			}
		}
	}
	return false
}

// Known reports whether p is in the table.
func Known(p Perm) bool { _, ok := grants[p]; return ok }

// RolesFor lists the roles holding p.
func RolesFor(p Perm) []Role { return grants[p] }
