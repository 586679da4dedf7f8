package plan

import (
	"os"
	"testing"
)

// FuzzParseText checks that no input panics and that tasks stay consistent.
func FuzzParseText(f *testing.F) {
	for _, name := range []string{"zhangye_2021_2025.txt", "annual_units_own_line.txt", "lead_co_lines.txt"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data[:min(len(data), 3000)]))
	}
	f.Add("一、\n(一)(责任单位:(((\n1.")
	f.Add("(一)（牵头单位：）)）】【责任单位】\n每年每年第一季度2022年年底前")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ParseText(text)
		if err != nil {
			return
		}
		for i, task := range p.Tasks {
			if task.Seq != i+1 || task.Units == nil || task.CoUnits == nil {
				t.Fatalf("task %d: %+v", i, task)
			}
		}
	})
}
