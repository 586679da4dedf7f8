package plan

import (
	"reflect"
	"testing"
)

func TestSplitUnits(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"市委编办、市政府办公室及市政府其他部门,各县区政府", []string{"市委编办", "市政府办公室", "市政府其他部门", "各县区政府"}},
		{"县政府办公室、县司法局、各有关部门，乡镇人民政府按职责分工分别负责。", []string{"县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"}},
		{"县卫生健康委以及县政府有关部门按照职责分工负责", []string{"县卫生健康委", "县政府有关部门"}},
		{"市委党校(行政学院)、市法学会", []string{"市委党校(行政学院)", "市法学会"}},
		{"乡镇（街道）、县人大及其常委会", []string{"乡镇（街道）", "县人大及其常委会"}},
		{"县司法局；县公安局  县财政局", []string{"县司法局", "县公安局", "县财政局"}},
		{"各县区人大常委会和政府", []string{"各县区人大常委会和政府"}},
		{"县司法局、县司法局", []string{"县司法局"}},
		{"各有关部门配合", []string{"各有关部门"}},
		{"县应急局（按职责分工负责）", []string{"县应急局"}},
		{"按职责分工负责", nil},
	}
	for _, c := range cases {
		if got := splitUnits(c.in); !reflect.DeepEqual(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("splitUnits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCutAnnotation(t *testing.T) {
	cases := []struct {
		in, before string
		units, co  []string
		unclosed   bool
		ok         bool
	}{
		{"(四)优化职能。完善设置。(责任单位:市委编办、市政府办公室)", "(四)优化职能。完善设置。", []string{"市委编办", "市政府办公室"}, nil, false, true},
		{"任务。（牵头单位：县司法局；配合单位：县财政局）。", "任务。", []string{"县司法局"}, []string{"县财政局"}, false, true},
		{"任务。【责任单位：县司法局】", "任务。", []string{"县司法局"}, nil, false, true},
		{"任务。(责任单位:市委党校(行政学院))", "任务。", []string{"市委党校(行政学院)"}, nil, false, true},
		{"任务。（县司法局牵头，县委编办配合）", "任务。", []string{"县司法局"}, []string{"县委编办"}, false, true},
		{"任务。(责任单位:县司法局、县公", "任务。", []string{"县司法局", "县公"}, nil, true, true},
		{"（责任单位：县司法局）", "", []string{"县司法局"}, nil, false, true},
		{"根据《纲要》(以下简称《纲要》)要求。", "", nil, nil, false, false},
		{"按照(责任单位:县司法局)的分工推进工作。", "", nil, nil, false, false},
		{"落实党政主要负责人（县委书记、县长负责）", "", nil, nil, false, false},
	}
	for _, c := range cases {
		before, a, ok := cutAnnotation(c.in)
		if ok != c.ok {
			t.Errorf("cutAnnotation(%q) ok = %v", c.in, ok)
			continue
		}
		if !ok {
			continue
		}
		if before != c.before || !sameUnits(a.units, c.units) || !sameUnits(a.coUnits, c.co) || a.unclosed != c.unclosed {
			t.Errorf("cutAnnotation(%q) = %q, %+v", c.in, before, a)
		}
	}
}

func TestLabelLine(t *testing.T) {
	a, ok := labelLine("牵头单位：县政府办、县编办　配合单位：县政府各有关部门")
	if !ok || !reflect.DeepEqual(a.units, []string{"县政府办", "县编办"}) || !reflect.DeepEqual(a.coUnits, []string{"县政府各有关部门"}) {
		t.Errorf("labelLine = %+v, %v", a, ok)
	}
	a, ok = labelLine("【责任单位】县司法局、县公安局【完成时限】2022年底前")
	if !ok || !reflect.DeepEqual(a.units, []string{"县司法局", "县公安局"}) || !reflect.DeepEqual(a.deadlines, []string{"2022年底前"}) {
		t.Errorf("boxed labels = %+v, %v", a, ok)
	}
	if _, ok := labelLine("责任单位要切实履行职责。"); ok {
		t.Error("prose starting with 责任单位 taken as a unit list")
	}
}

func sameUnits(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}
