// Package plan turns a 法治政府建设 实施方案 / 实施意见 / 工作要点 into a draft
// plan: chapters, numbered tasks, their responsible units and deadlines.
package plan

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoStructure means the text has no numbered headings at all, so it is
// not a plan this parser can read.
var ErrNoStructure = errors.New("plan: no numbered headings found")

// ParsedPlan is the draft plan read from a document.
type ParsedPlan struct {
	Title    string    `json:"title"`
	Year     int       `json:"year,omitempty"` // the single year in the title (年度工作要点), 0 for multi-year plans
	Chapters []Chapter `json:"chapters"`
	// Tasks are all numbered items at the task level, in document order;
	// framing items (指导思想, 基本原则 …) included, flagged Framing.
	Tasks     []ParsedTask `json:"tasks"`
	Warnings  []string     `json:"warnings"`  // user-facing, in Chinese; at most maxWarnings plus a count of the rest
	Truncated bool         `json:"truncated"` // the text looks cut off

	dropped int // warnings beyond maxWarnings
}

// maxWarnings keeps a garbled upload from producing thousands of warnings.
const maxWarnings = 50

// Chapter is a top-level heading such as "二、健全政府机构职能体系…".
type Chapter struct {
	No      int    `json:"no"`
	Heading string `json:"heading"` // the heading line as written, numbering included
	Title   string `json:"title"`   // the heading without its numbering
	Line    int    `json:"line"`
}

// ParsedTask is one numbered task.
type ParsedTask struct {
	No      int      `json:"no"`                // the number as written: (二十五) → 25, "3." → 3
	Seq     int      `json:"seq"`               // 1-based position among the tasks
	Marker  string   `json:"marker"`            // the numbering as written, e.g. "(二十五)"
	Chapter string   `json:"chapter"`           // heading of the enclosing chapter as written; "" when the plan has none
	Section string   `json:"section,omitempty"` // heading between chapter and task, when tasks sit two levels down
	Title   string   `json:"title"`             // the first sentence
	Body    string   `json:"body"`              // the text after the title, unit lists removed
	Units   []string `json:"units"`             // 责任单位 / 牵头单位, as written, qualifiers removed
	CoUnits []string `json:"co_units"`          // 配合单位 / 协办单位
	// Deadlines found in the title, body and 完成时限, in order of appearance.
	Deadlines []Deadline `json:"deadlines"`
	Line      int        `json:"line"` // 1-based line of the task heading
	// Framing marks an item that states guidance rather than work (指导思想,
	// 基本原则, 总体目标 …); it shares the task numbering and carries no units.
	Framing bool `json:"framing,omitempty"`
}

// ParseText parses the plain text of a plan.
//
// Which numbered items are tasks: plans number chapters (一、), items ((一))
// and sub-items (1. / (1)), and the task level differs between plans.
// The task level is the deepest numbering level that holds at least 80% of
// all 责任单位/牵头单位/配合单位 lists in its items' subtrees and where at
// least 60% of its items (in chapters that have any list) carry one. Deeper
// numbering then stays inside the task body; this keeps "1. 2." sub-points of
// a task from becoming tasks and still finds "1." tasks under "(一)" sections.
// Without any unit list the level is the first one below the chapters.
// Every item at that level is a task: the issuing office numbers them as one
// sequence (seed 003: (一)…(三十九)) and cites them by number. An item
// without units is flagged Framing when its title is 指导思想 / 基本原则 /
// 总体目标 …, when its chapter is a 总体要求-like chapter, or when its chapter
// comes before the first chapter with units; it gets no missing-unit warning.
// Numbering may run on across chapters (seed 003) or restart in each one.
func ParseText(text string) (ParsedPlan, error) {
	lines := classifyLines(text)
	nodes := buildNodes(lines)
	if len(nodes) == 0 {
		return ParsedPlan{}, ErrNoStructure
	}
	var p ParsedPlan
	p.Title = detectTitle(lines)
	if p.Title == "" {
		p.warn("未识别到文件标题")
	}
	p.Year = titleYear(p.Title)
	chapterRank, taskRank := chooseTaskRank(nodes)
	b := builder{plan: &p, lines: lines, nodes: nodes, chapterRank: chapterRank, taskRank: taskRank}
	b.build()
	b.checkNumbering()
	b.checkTruncation()
	if len(p.Tasks) == 0 {
		p.warn("未识别到任何任务")
	}
	p.finishWarnings()
	p.fillEmpty()
	return p, nil
}

func (p *ParsedPlan) warn(msg string) {
	if len(p.Warnings) < maxWarnings {
		p.Warnings = append(p.Warnings, msg)
		return
	}
	p.dropped++
}

func (p *ParsedPlan) finishWarnings() {
	if p.dropped > 0 {
		p.Warnings = append(p.Warnings, fmt.Sprintf("另有%d条提示未列出", p.dropped))
		p.dropped = 0
	}
}

// fillEmpty makes empty lists encode as [] rather than null.
func (p *ParsedPlan) fillEmpty() {
	if p.Chapters == nil {
		p.Chapters = []Chapter{}
	}
	if p.Tasks == nil {
		p.Tasks = []ParsedTask{}
	}
	if p.Warnings == nil {
		p.Warnings = []string{}
	}
}

// FramingCount reports how many tasks are framing items.
func (p ParsedPlan) FramingCount() int {
	n := 0
	for _, t := range p.Tasks {
		if t.Framing {
			n++
		}
	}
	return n
}

// UnitCount reports how many tasks carry at least one responsible unit.
func (p ParsedPlan) UnitCount() int {
	n := 0
	for _, t := range p.Tasks {
		if len(t.Units)+len(t.CoUnits) > 0 {
			n++
		}
	}
	return n
}

// DeadlinePhrases returns the phrases of the task's deadlines.
func (t ParsedTask) DeadlinePhrases() []string {
	out := make([]string, 0, len(t.Deadlines))
	for _, d := range t.Deadlines {
		out = append(out, d.Phrase)
	}
	return out
}

// trimSpace trims ASCII and CJK white space (U+3000, NBSP, BOM, zero-width space).
func trimSpace(s string) string {
	return strings.TrimFunc(s, isSpace)
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\ufeff', '\u200b':
		return true
	}
	return false
}
