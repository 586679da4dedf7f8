package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fazhi/internal/plan"
)

const planUsage = "usage: fazhi plan parse FILE [--format json|table]"

// maxPlanFile caps the size of a plan file read by the CLI.
const maxPlanFile = 50 << 20

// runPlan implements "fazhi plan parse FILE [--format json|table]".
// Exit codes: 0 parsed, 2 bad usage or unreadable file.
func runPlan(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, planUsage)
		return 2
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, planUsage)
		return 0
	}
	if args[0] != "parse" {
		fmt.Fprintf(stderr, "plan: unknown subcommand %q; %s\n", args[0], planUsage)
		return 2
	}
	file, format, err := planParseArgs(args[1:])
	if err != nil {
		fmt.Fprintf(stderr, "plan parse: %v; %s\n", err, planUsage)
		return 2
	}
	p, err := parsePlanFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "plan parse: %s: %s\n", file, strings.TrimPrefix(err.Error(), "plan: "))
		return 2
	}
	if format == "json" {
		for _, w := range p.Warnings {
			fmt.Fprintln(stderr, "warning: "+w)
		}
		if err := writePlanJSON(stdout, p); err != nil {
			fmt.Fprintf(stderr, "plan parse: write output: %v\n", err)
			return 1
		}
		return 0
	}
	writePlanTable(stdout, p)
	return 0
}

// planParseArgs accepts flags before or after the file name.
func planParseArgs(args []string) (file, format string, err error) {
	format = "table"
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--format" || a == "-format" || a == "-f":
			if i+1 >= len(args) {
				return "", "", errors.New("--format needs a value")
			}
			i++
			format = args[i]
		case strings.HasPrefix(a, "--format=") || strings.HasPrefix(a, "-format="):
			format = a[strings.IndexByte(a, '=')+1:]
		case strings.HasPrefix(a, "-") && a != "-":
			return "", "", fmt.Errorf("unknown flag %s", a)
		case file != "":
			return "", "", errors.New("more than one file given")
		default:
			file = a
		}
	}
	if file == "" {
		return "", "", errors.New("no file given")
	}
	if format != "json" && format != "table" {
		return "", "", fmt.Errorf("unknown format %q", format)
	}
	return file, format, nil
}

// parsePlanFile reads FILE ("-" for stdin) and parses it as .docx or text.
func parsePlanFile(file string) (plan.ParsedPlan, error) {
	var r io.Reader = os.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return plan.ParsedPlan{}, fmt.Errorf("read: %w", errors.Unwrap(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxPlanFile+1))
	if err != nil {
		return plan.ParsedPlan{}, fmt.Errorf("read: %w", err)
	}
	if len(data) > maxPlanFile {
		return plan.ParsedPlan{}, errors.New("file larger than 50 MB")
	}
	return plan.ParseBytes(data)
}

type planJSON struct {
	Title string         `json:"title"`
	Tasks []planTaskJSON `json:"tasks"`
}

type planTaskJSON struct {
	No        int      `json:"no"`
	Chapter   string   `json:"chapter"`
	Title     string   `json:"title"`
	Units     []string `json:"units"`
	CoUnits   []string `json:"co_units"`
	Deadlines []string `json:"deadlines"`
}

func writePlanJSON(w io.Writer, p plan.ParsedPlan) error {
	out := planJSON{Title: p.Title, Tasks: make([]planTaskJSON, 0, len(p.Tasks))}
	for _, t := range p.Tasks {
		out.Tasks = append(out.Tasks, planTaskJSON{
			No: t.No, Chapter: t.Chapter, Title: t.Title,
			Units: planOrEmpty(t.Units), CoUnits: planOrEmpty(t.CoUnits), Deadlines: t.DeadlinePhrases(),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func planOrEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Column widths of the table, in terminal cells (a CJK character is two).
var planColumns = []struct {
	head  string
	width int
}{{"编号", 10}, {"任务", 34}, {"责任单位", 44}, {"配合单位", 20}, {"时限", 24}}

func writePlanTable(w io.Writer, p plan.ParsedPlan) {
	title := p.Title
	if title == "" {
		title = "（未识别到标题）"
	}
	fmt.Fprintln(w, title)
	summary := fmt.Sprintf("共%d项任务，其中%d项标明责任单位", len(p.Tasks), p.UnitCount())
	if n := p.FramingCount(); n > 0 {
		summary += fmt.Sprintf("；其中%d项为指导思想、目标等总体要求", n)
	}
	if p.Truncated {
		summary += "；文本可能不完整"
	}
	fmt.Fprintln(w, summary)
	chapter := "\x00"
	for _, t := range p.Tasks {
		if t.Chapter != chapter {
			chapter = t.Chapter
			fmt.Fprintln(w)
			if chapter != "" {
				fmt.Fprintln(w, "【"+chapter+"】")
			}
			planWriteRow(w, []string{"编号", "任务", "责任单位", "配合单位", "时限"})
		}
		planWriteRow(w, []string{t.Marker, t.Title, planJoin(t.Units), planJoin(t.CoUnits),
			planJoin(t.DeadlinePhrases())})
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintln(w, "\n提示：")
		for _, msg := range p.Warnings {
			fmt.Fprintln(w, "  - "+msg)
		}
	}
}

// planWriteRow prints one table row, wrapping long cells onto further lines.
func planWriteRow(w io.Writer, cells []string) {
	wrapped := make([][]string, len(cells))
	height := 1
	for i, c := range cells {
		wrapped[i] = planWrapCells(c, planColumns[i].width)
		height = max(height, len(wrapped[i]))
	}
	for k := 0; k < height; k++ {
		var b strings.Builder
		for i := range cells {
			part := ""
			if k < len(wrapped[i]) {
				part = wrapped[i][k]
			}
			b.WriteString(part)
			b.WriteString(strings.Repeat(" ", planColumns[i].width-planCellWidth(part)+2))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func planJoin(s []string) string {
	if len(s) == 0 {
		return "—"
	}
	return strings.Join(s, "、")
}

// planWrapCells splits s into lines of at most width terminal cells.
func planWrapCells(s string, width int) []string {
	var lines []string
	var b strings.Builder
	used := 0
	for _, r := range s {
		if used+planRuneCells(r) > width {
			lines = append(lines, b.String())
			b.Reset()
			used = 0
		}
		b.WriteRune(r)
		used += planRuneCells(r)
	}
	return append(lines, b.String())
}

func planCellWidth(s string) int {
	n := 0
	for _, r := range s {
		n += planRuneCells(r)
	}
	return n
}

// planRuneCells is 2 for East Asian wide characters, else 1.
func planRuneCells(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}
