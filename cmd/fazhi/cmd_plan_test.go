package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const planSeedZhangye = "../../internal/plan/testdata/zhangye_2021_2025.txt"

func planRun(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = runPlan(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestPlanParseJSON(t *testing.T) {
	code, stdout, stderr := planRun("parse", planSeedZhangye, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Title string            `json:"title"`
		Tasks []json.RawMessage `json:"tasks"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Title != "张掖市法治政府建设实施方案(2021-2025年)" || len(got.Tasks) != 39 {
		t.Fatalf("title %q tasks %d", got.Title, len(got.Tasks))
	}
	// Numbering is continuous 1–39: task 25 is the 25th, and (一)指导思想 is a
	// task with no units.
	var t1, t25 map[string]any
	if err := json.Unmarshal(got.Tasks[0], &t1); err != nil {
		t.Fatal(err)
	}
	if t1["no"] != float64(1) || t1["title"] != "指导思想" || len(t1["units"].([]any)) != 0 {
		t.Errorf("task 1 = %v", t1)
	}
	if err := json.Unmarshal(got.Tasks[24], &t25); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"no":        float64(25),
		"chapter":   "七、健全社会矛盾纠纷行政预防调处化解体系,不断促进社会公平正义",
		"title":     "发挥行政复议化解行政争议主渠道作用",
		"units":     []any{"市司法局", "市检察院", "市委编办", "市政府有关部门", "各县区政府"},
		"co_units":  []any{},
		"deadlines": []any{"2022年年底前"},
	}
	if !reflect.DeepEqual(t25, want) {
		t.Errorf("task 25 = %v", t25)
	}
	if !strings.Contains(stderr, "warning: 任务(二十七)") {
		t.Errorf("stderr %q", stderr)
	}
}

// Empty lists print as [] and flags may come before the file.
func TestPlanParseJSONEmptyLists(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plan.txt")
	text := "某县工作要点\n一、主要任务\n(一)推进政务公开。完善公开制度。\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := planRun("parse", "--format=json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	compact := strings.Join(strings.Fields(stdout), "")
	want := `{"title":"某县工作要点","tasks":[{"no":1,"chapter":"一、主要任务","title":"推进政务公开","units":[],"co_units":[],"deadlines":[]}]}`
	if compact != want {
		t.Errorf("output %s", compact)
	}
}

// A .docx is recognised by content even with a .txt name.
func TestPlanParseDOCXBySniffing(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>某县实施方案</w:t></w:r></w:p><w:p><w:r><w:t>一、主要任务</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>（一）推进执法。（牵头单位：县司法局；配合单位：县公安局）</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	file := filepath.Join(t.TempDir(), "upload.txt")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := planRun("parse", file, "--format", "json")
	if code != 0 || !strings.Contains(stdout, `"co_units": [`) || !strings.Contains(stdout, "县公安局") {
		t.Errorf("exit %d stdout %s stderr %s", code, stdout, stderr)
	}
}

func TestPlanParseTable(t *testing.T) {
	code, stdout, _ := planRun("parse", planSeedZhangye)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"张掖市法治政府建设实施方案(2021-2025年)",
		"共39项任务，其中36项标明责任单位；其中3项为指导思想、目标等总体要求",
		"【七、健全社会矛盾纠纷行政预防调处化解体系,不断促进社会公平正义】",
		"(二十五)", "发挥行政复议化解行政争议主渠道作用", "2022年年底前",
		"提示：",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestPlanParseErrors(t *testing.T) {
	dir := t.TempDir()
	gbk := filepath.Join(dir, "gbk.txt")
	os.WriteFile(gbk, []byte{0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5}, 0o600)
	prose := filepath.Join(dir, "prose.txt")
	os.WriteFile(prose, []byte("没有任何编号的一段文字。"), 0o600)
	doc := filepath.Join(dir, "old.doc")
	os.WriteFile(doc, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 0o600)
	cases := []struct {
		args []string
		want string
	}{
		{nil, "usage: fazhi plan parse"},
		{[]string{"frobnicate"}, "unknown subcommand"},
		{[]string{"parse"}, "no file given"},
		{[]string{"parse", planSeedZhangye, "--format", "xml"}, "unknown format"},
		{[]string{"parse", planSeedZhangye, "--bogus"}, "unknown flag"},
		{[]string{"parse", filepath.Join(dir, "missing.txt")}, "no such file"},
		{[]string{"parse", gbk}, "not UTF-8"},
		{[]string{"parse", prose}, "no numbered headings"},
		{[]string{"parse", doc}, "legacy .doc"},
	}
	for _, c := range cases {
		code, _, stderr := planRun(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") > 1 {
			t.Errorf("%v: exit %d stderr %q", c.args, code, stderr)
		}
	}
}
