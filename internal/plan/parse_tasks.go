package plan

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

type builder struct {
	plan        *ParsedPlan
	lines       []line
	nodes       []node
	chapterRank int
	taskRank    int
	firstUnits  int   // index of the first chapter node with units, -1 if none
	items       []int // indexes of all task-level nodes, framing included
	lastItem    int   // index of the last task-level node
	current     int   // index of the node being added
	total       int   // unit lists in the whole text
}

// itemText is the text gathered from one task-level item.
type itemText struct {
	title, body string
	units, co   []string
	annots      int
	unclosed    bool
	extra       []string // deadline lines (完成时限：…) not kept in the body
	orphans     []int    // line numbers of paragraphs dropped after the unit list
}

func (b *builder) build() {
	b.firstUnits = -1
	for _, n := range b.nodes {
		b.total += n.annots
	}
	for i, n := range b.nodes {
		if n.rank != b.chapterRank || b.taskRank == b.chapterRank {
			continue
		}
		b.plan.Chapters = append(b.plan.Chapters, Chapter{
			No: n.num, Heading: b.lines[n.line].content, Title: n.rest, Line: b.lines[n.line].no,
		})
		if n.sub > 0 && b.firstUnits < 0 {
			b.firstUnits = i
		}
	}
	for i, n := range b.nodes {
		if n.rank == b.taskRank {
			b.items = append(b.items, i)
		}
	}
	b.lastItem = b.items[len(b.items)-1]
	for _, i := range b.items {
		b.current = i
		b.addItem(i)
	}
}

func (b *builder) addItem(i int) {
	n := b.nodes[i]
	it := collectItem(b.lines, n)
	t := ParsedTask{
		No: n.num, Marker: n.marker, Title: it.title, Body: it.body,
		Units: nonNil(it.units), CoUnits: nonNil(it.co), Line: b.lines[n.line].no,
	}
	if b.taskRank != b.chapterRank {
		if ch := ancestorAt(b.nodes, i, b.chapterRank); ch >= 0 {
			t.Chapter = b.lines[b.nodes[ch].line].content
		}
	}
	if p := n.parent; p >= 0 && b.nodes[p].rank != b.chapterRank {
		t.Section = b.lines[b.nodes[p].line].content
	}
	scan := strings.Join(append([]string{it.title, it.body}, it.extra...), "\n")
	t.Deadlines = ExtractDeadlines(scan, b.plan.Year)
	t.Framing = b.isFraming(i, it)
	t.Seq = len(b.plan.Tasks) + 1
	b.plan.Tasks = append(b.plan.Tasks, t)
	if !t.Framing {
		b.itemWarnings(t, it)
	}
}

func (b *builder) itemWarnings(t ParsedTask, it itemText) {
	if it.annots > 1 {
		b.plan.warn(fmt.Sprintf("任务%s有%d处责任单位标注，已合并（第%d行）", t.Marker, it.annots, t.Line))
	}
	if it.unclosed {
		b.plan.warn(fmt.Sprintf("任务%s的责任单位标注缺少右括号，文本可能被截断（第%d行）", t.Marker, t.Line))
		b.plan.Truncated = true
	}
	if it.annots == 0 && b.total > 0 {
		b.plan.warn(fmt.Sprintf("任务%s未标明责任单位（第%d行）", t.Marker, t.Line))
	}
	// Closing text after the last task is expected; elsewhere it is worth a look.
	if b.lastItem != b.current {
		for _, no := range it.orphans {
			b.plan.warn(fmt.Sprintf("第%d行的段落位于责任单位标注之后，未归入任何任务", no))
		}
	}
}

// isFraming applies the framing rule documented on ParseText.
func (b *builder) isFraming(i int, it itemText) bool {
	if it.annots > 0 {
		return false
	}
	if reFramingTitle.MatchString(it.title) {
		return true
	}
	if b.taskRank == b.chapterRank {
		return false
	}
	ch := ancestorAt(b.nodes, i, b.chapterRank)
	if ch < 0 || b.nodes[ch].sub > 0 {
		return false
	}
	if isFramingChapter(b.nodes[ch].rest) {
		return true
	}
	return b.firstUnits >= 0 && ch < b.firstUnits
}

// collectItem gathers title, body and unit lists of the item at n. Paragraphs
// after a unit list belong to the item only if another unit list follows
// them (seed 003, task 27); otherwise they are closing text.
func collectItem(lines []line, n node) itemText {
	var it itemText
	var paras, pending []string
	var pendingLines []int
	adjacent := false // the previous line was a unit list: 牵头单位 then 配合单位
	absorb := func(a *annotation) {
		it.units = append(it.units, a.units...)
		it.co = append(it.co, a.coUnits...)
		it.unclosed = it.unclosed || a.unclosed
		it.extra = append(it.extra, a.deadlines...)
		if !adjacent {
			it.annots++
		}
		adjacent = true
		paras, pending, pendingLines = append(paras, pending...), nil, nil
	}
	addPara := func(s string, no int) {
		adjacent = false
		if it.annots > 0 {
			pending, pendingLines = append(pending, s), append(pendingLines, no)
			return
		}
		paras = append(paras, s)
	}
	title, tail := splitTitle(n.rest)
	if tail != "" {
		paras = append(paras, tail)
	}
	if a := lines[n.line].annot; a != nil {
		absorb(a)
	}
	for _, ln := range lines[n.line+1 : n.end] {
		switch ln.kind {
		case lineBlank, lineBoundary:
		case lineDeadline:
			it.extra = append(it.extra, ln.text)
		default:
			if ln.content != "" {
				addPara(ln.content, ln.no)
			}
			if ln.annot != nil {
				absorb(ln.annot)
			}
		}
	}
	if title == "" && len(paras) > 0 {
		title, paras[0] = splitTitle(paras[0])
	}
	it.title, it.body, it.orphans = title, strings.TrimSpace(strings.Join(paras, "\n")), pendingLines
	it.units, it.co = dedupe(it.units), dedupe(it.co)
	return it
}

// splitTitle cuts the first sentence off s. A colon ends the title only when
// it comes early ("指导思想：…").
func splitTitle(s string) (title, rest string) {
	cut, size := -1, 0
	for i, r := range s {
		if strings.ContainsRune("。！？!?", r) {
			cut, size = i, utf8.RuneLen(r)
			break
		}
		if (r == '：' || r == ':') && utf8.RuneCountInString(s[:i]) <= 40 {
			cut, size = i, utf8.RuneLen(r)
			break
		}
	}
	if cut < 0 {
		return strings.TrimRight(s, "；;，,"), ""
	}
	return strings.TrimRight(s[:cut], "；;，,"), trimSpace(s[cut+size:])
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
