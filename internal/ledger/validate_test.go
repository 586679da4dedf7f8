package ledger

import "testing"

func TestParse(t *testing.T) {
	received, _ := FieldByKey("review.received")
	mobile, _ := FieldByKey("enforce.mobile_rate")
	fines, _ := FieldByKey("enforce.fines")
	rate, _ := FieldByKey("review.correction_rate")
	tests := []struct {
		f      Field
		in     string
		want   string
		reason string
	}{
		{received, "86", "86", ""},
		{received, " 0 ", "0", ""},
		{received, "", "", ""},
		{received, "１９２６１", "19261", ""},
		{received, "19,261", "19261", ""},
		{received, "-1", "", reasonInt},
		{received, "8.5", "", reasonInt},
		{received, "八十六", "", reasonInt},
		{received, "1e3", "", reasonInt},
		{mobile, "98.38", "98.38", ""},
		{mobile, "98.38%", "98.38", ""},
		{mobile, "100", "100", ""},
		{mobile, "100.01", "", reasonPercent},
		{mobile, "98.385", "", reasonPercent},
		{mobile, "-3", "", reasonPercent},
		{fines, "1234.50", "1234.5", ""},
		{fines, "12.", "", reasonDecimal},
		{fines, "abc", "", reasonDecimal},
		{rate, "10", "", reasonDerived},
	}
	for _, tc := range tests {
		got, _, fe := tc.f.Parse(tc.in)
		switch {
		case tc.reason == "" && fe != nil:
			t.Errorf("%s %q: unexpected error %s", tc.f.Key, tc.in, fe.Message)
		case tc.reason != "" && (fe == nil || fe.Reason != tc.reason):
			t.Errorf("%s %q: got %v, want reason %q", tc.f.Key, tc.in, fe, tc.reason)
		case got != tc.want:
			t.Errorf("%s %q: got %q, want %q", tc.f.Key, tc.in, got, tc.want)
		}
	}
	_, _, fe := received.Parse("x")
	if fe.Message != "“行政复议新收案件”应为非负整数" {
		t.Errorf("message %q", fe.Message)
	}
}

func TestConsistency(t *testing.T) {
	tests := []struct {
		sheet map[string]string
		keys  []string
	}{
		{map[string]string{"review.closed": "79", "review.corrected": "8"}, nil},
		{map[string]string{"review.closed": "7", "review.corrected": "8"}, []string{"review.corrected"}},
		{map[string]string{"review.corrected": "8"}, nil}, // whole not filled in: no rule
		{map[string]string{"normdoc.cleaned": "213", "normdoc.clean_kept": "144", "normdoc.clean_repealed": "67", "normdoc.clean_amended": "2"}, nil},
		{map[string]string{"normdoc.cleaned": "212", "normdoc.clean_kept": "144", "normdoc.clean_repealed": "67", "normdoc.clean_amended": "2"}, []string{"normdoc.clean_kept"}},
		{map[string]string{"dispute.received": "100", "dispute.resolved": "101"}, []string{"dispute.resolved"}},
	}
	for i, tc := range tests {
		errs := checkConsistency(tc.sheet)
		if len(errs) != len(tc.keys) {
			t.Errorf("case %d: got %v, want %v", i, errs, tc.keys)
			continue
		}
		for j, e := range errs {
			if e.Key != tc.keys[j] {
				t.Errorf("case %d: got %s, want %s", i, e.Key, tc.keys[j])
			}
		}
	}
}
