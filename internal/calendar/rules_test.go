package calendar

import (
	"strings"
	"testing"
)

// mdRuleIDs are the ids of statutory-deadlines.md sections 1–15, in order
// (the md itself is not in the repository, so the list is kept here).
var mdRuleIDs = []string{
	"count_start_excluded", "count_end_holiday", "count_transit", "count_month_year",
	"count_deadline_time", "count_wd_penalty", "count_wd_license", "count_wd_coercion",
	"count_wd_review", "count_wd_ogi", "count_other_default", "count_delay_excused",
	"count_workday_calendar", "penalty_limitation", "penalty_filing_check", "penalty_case_period",
	"penalty_evidence_hold", "penalty_hearing_request", "penalty_hearing_notice",
	"penalty_decision_service", "penalty_fine_payment", "penalty_late_fine", "penalty_cash_handover",
	"penalty_publicity_withdraw", "penalty_enforce_after_deferral", "enf_publicity_license_penalty",
	"enf_publicity_other", "enf_publicity_withdraw", "enf_publicity_retention",
	"enf_publicity_market", "enf_stats_annual", "enf_legal_review", "license_acceptance_correction",
	"license_decision", "license_joint_decision", "license_lower_review",
	"license_certificate_delivery", "license_excluded_time", "license_hearing_request",
	"license_hearing_organize", "license_hearing_notice", "license_inspection_start",
	"license_renewal", "coercion_emergency_report", "coercion_seizure", "coercion_freeze_notice",
	"coercion_freeze", "coercion_exec_demand", "coercion_late_fine_exec", "coercion_substitute",
	"coercion_no_night_holiday", "coercion_demolition", "coercion_court_demand",
	"coercion_court_apply", "coercion_court_process", "coercion_suspension_3y", "review_apply_period",
	"review_apply_no_notice", "review_apply_max", "review_intake_check", "review_correction",
	"review_transfer_penalty", "review_respondent_answer", "review_simple_answer",
	"review_hearing_notice", "review_decision", "review_simple_decision", "review_normative_doc",
	"review_suspend_terminate", "review_redo_or_perform", "review_opinion_letter",
	"review_compliance", "review_then_sue", "lit_filing_direct", "lit_filing_max",
	"lit_filing_no_notice", "lit_filing_after_review", "lit_duty_request", "lit_answer_evidence",
	"lit_jurisdiction_objection", "lit_appeal", "lit_retrial", "lit_head_appearance",
	"lit_court_timeline", "lit_judgment_compliance", "ogi_proactive", "ogi_receipt_date",
	"ogi_correction", "ogi_reply", "ogi_third_party", "ogi_joint_agency", "ogi_excessive",
	"ogi_annual_report_dept", "ogi_annual_report_gov", "decision_public_comment",
	"decision_hearing_materials", "decision_legality_review", "decision_collective",
	"decision_materials_gate", "decision_party_report", "decision_publication", "rule_public_comment",
	"rule_hearing_notice", "rule_effective", "rule_filing", "rule_filing_supplement",
	"rule_correction_report", "rule_annual_catalog", "ndoc_public_comment", "ndoc_legality_review",
	"ndoc_adjust_period", "ndoc_publish_gate", "ndoc_validity", "ndoc_filing", "ndoc_annual_catalog",
	"fcr_gate", "fcr_exception_term", "fcr_opinions", "fcr_impl_rules", "petition_bureau_triage",
	"petition_direct_notice", "petition_assigned_notice", "petition_handling", "petition_review",
	"petition_recheck", "npc_suggestion_reply", "npc_local_variants", "cppcc_proposal_reply",
	"jud_suggestion_general", "jud_suggestion_normative_doc", "pro_suggestion_general",
	"pro_suggestion_public_interest", "rol_report_submit", "rol_report_submit_province",
	"rol_report_publish",
}

func TestCatalogueHoldsEveryRule(t *testing.T) {
	rules := Rules()
	if len(mdRuleIDs) != 135 || len(rules) != len(mdRuleIDs) {
		t.Fatalf("catalogue has %d rules, md lists %d (expected 135)", len(rules), len(mdRuleIDs))
	}
	seen := map[string]bool{}
	for i, r := range rules {
		if r.ID != mdRuleIDs[i] {
			t.Errorf("rule %d is %s, want %s", i, r.ID, mdRuleIDs[i])
		}
		if seen[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
		if r.Name == "" || r.Citation == "" || r.Chapter == "" || r.Verification == "" || r.LengthText == "" {
			t.Errorf("%s: missing name, citation, chapter, verification or length text: %+v", r.ID, r)
		}
		switch r.Status {
		case StatusActive, StatusRegional, StatusDisabled:
		default:
			t.Errorf("%s: status %q", r.ID, r.Status)
		}
		if (r.N == 0) != (r.Unit == "") {
			t.Errorf("%s: length %d with unit %q", r.ID, r.N, r.Unit)
		}
	}
}

// The units follow each law's own counting article.
func TestCatalogueUnits(t *testing.T) {
	cases := []struct {
		id   string
		n    int
		unit Unit
	}{
		// 行政处罚法第85条: only 二日、三日、五日、七日 are working days.
		{"penalty_evidence_hold", 7, UnitWorkday},
		{"penalty_hearing_request", 5, UnitWorkday},
		{"penalty_cash_handover", 2, UnitWorkday},
		{"penalty_publicity_withdraw", 3, UnitWorkday},
		{"penalty_fine_payment", 15, UnitDay},
		{"penalty_case_period", 90, UnitDay},
		{"penalty_limitation", 2, UnitYear},
		// 行政强制法第69条: ten days or less are working days.
		{"coercion_freeze_notice", 3, UnitWorkday},
		{"coercion_court_demand", 10, UnitWorkday},
		{"coercion_seizure", 30, UnitDay},
		{"coercion_court_apply", 3, UnitMonth},
		// 行政许可法第82条: every period of the agency.
		{"license_decision", 20, UnitWorkday},
		{"license_joint_decision", 45, UnitWorkday},
		{"license_certificate_delivery", 10, UnitWorkday},
		{"license_renewal", 30, UnitDay}, // the applicant's period
		// 行政复议法第88条: 三日、五日、七日、十日.
		{"review_intake_check", 5, UnitWorkday},
		{"review_respondent_answer", 10, UnitWorkday},
		{"review_apply_period", 60, UnitDay},
		{"review_decision", 60, UnitDay},
		{"review_then_sue", 15, UnitDay},
		// 政府信息公开条例: explicit 工作日.
		{"ogi_reply", 20, UnitWorkday},
		{"ogi_third_party", 15, UnitWorkday},
		// 民事诉讼法 via 行政诉讼法第101条.
		{"lit_filing_direct", 6, UnitMonth},
		{"lit_answer_evidence", 15, UnitDay},
		{"petition_handling", 60, UnitDay},
		{"npc_suggestion_reply", 3, UnitMonth},
	}
	for _, c := range cases {
		r, ok := LookupRule(c.id)
		if !ok {
			t.Fatalf("%s missing", c.id)
		}
		if r.N != c.n || r.Unit != c.unit {
			t.Errorf("%s: %d %s, want %d %s", c.id, r.N, r.Unit, c.n, c.unit)
		}
	}
}

func TestCatalogueStatus(t *testing.T) {
	for id, want := range map[string]Status{
		"penalty_evidence_hold":         StatusActive,   // V
		"pro_suggestion_general":        StatusActive,   // S
		"enf_publicity_license_penalty": StatusRegional, // L
		"ndoc_validity":                 StatusRegional, // L
		"fcr_impl_rules":                StatusDisabled, // U
		"ndoc_legality_review":          StatusDisabled, // number unverified
	} {
		if r, _ := LookupRule(id); r.Status != want {
			t.Errorf("%s: status %q, want %q", id, r.Status, want)
		}
	}
	if r, _ := LookupRule("penalty_limitation"); !strings.Contains(r.LengthText, "5 Y") {
		t.Errorf("penalty_limitation keeps only %q", r.LengthText)
	}
	if _, ok := LookupRule("no_such_rule"); ok {
		t.Error("LookupRule found an unknown id")
	}
}

func TestAddRule(t *testing.T) {
	r, err := Default().AddRule(d(2024, 9, 27), "penalty_evidence_hold", Adjust{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Due != d(2024, 10, 12) || r.Rule == nil || r.Rule.ID != "penalty_evidence_hold" {
		t.Errorf("got %s %+v", r.Due, r.Rule)
	}
	if !strings.HasPrefix(r.Trail[0], "依据：行政处罚法（2021修订）第56条") {
		t.Errorf("trail starts %q", r.Trail[0])
	}
	// 20 WD + 10 WD approved extension = 30 WD.
	r, err = Default().AddRule(d(2024, 9, 27), "license_decision", Adjust{ExtendN: 10})
	if err != nil || r.Due != d(2024, 11, 13) {
		t.Errorf("license_decision + 10: %s, %v", r.Due, err)
	}
	if _, err := Default().AddRule(d(2024, 9, 27), "license_decision", Adjust{ExtendN: 11}); err == nil {
		t.Error("extension beyond 10 WD accepted")
	}
	r, err = Default().AddRule(d(2024, 10, 8), "penalty_hearing_notice", Adjust{})
	if err != nil || r.Due != d(2024, 9, 23) {
		t.Errorf("hearing notice: %s, %v", r.Due, err)
	}
	for _, id := range []string{"fcr_impl_rules", "penalty_late_fine", "coercion_emergency_report", "nope"} {
		if _, err := Default().AddRule(d(2024, 9, 27), id, Adjust{}); err == nil {
			t.Errorf("%s: no error", id)
		}
	}
	r, err = Default().AddRule(d(2024, 9, 27), "enf_publicity_other", Adjust{})
	if err != nil || !strings.Contains(strings.Join(r.Trail, "\n"), "本地区可另行规定") {
		t.Errorf("regional rule: %v %v", r.Trail, err)
	}
}
