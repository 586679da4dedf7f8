package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// checkNumbering warns about gaps and repeats in the task-level numbering.
// Numbering may run on across chapters or restart at 1 under a new parent.
func (b *builder) checkNumbering() {
	for k, i := range b.items {
		n := b.nodes[i]
		if k == 0 {
			if n.num != 1 {
				b.plan.warn(fmt.Sprintf("编号从%s开始，前面的内容可能缺失（第%d行）", n.marker, b.lines[n.line].no))
			}
			continue
		}
		prev := b.nodes[b.items[k-1]]
		if n.num == prev.num+1 || (n.num == 1 && n.parent != prev.parent) {
			continue
		}
		b.plan.warn(fmt.Sprintf("编号不连续：%s之后是%s（第%d行）", prev.marker, n.marker, b.lines[n.line].no))
	}
}

// checkTruncation flags a text that stops mid-sentence, or whose last task
// lacks the unit list that the other tasks of its chapter carry.
func (b *builder) checkTruncation() {
	if b.plan.Truncated {
		return
	}
	if ln, ok := lastMeaningfulLine(b.lines); ok && ln.kind != lineUnits && ln.kind != lineDeadline && !endsSentence(ln.text) {
		b.plan.warn(fmt.Sprintf("文本在第%d行中断，可能不完整", ln.no))
		b.plan.Truncated = true
		return
	}
	tasks := b.plan.Tasks
	if len(tasks) < 3 {
		return
	}
	last := tasks[len(tasks)-1]
	if len(last.Units)+len(last.CoUnits) > 0 {
		return
	}
	for _, t := range tasks[:len(tasks)-1] {
		if t.Chapter == last.Chapter && len(t.Units)+len(t.CoUnits) > 0 {
			b.plan.warn(fmt.Sprintf("最后一项任务%s缺少责任单位，文本可能被截断", last.Marker))
			b.plan.Truncated = true
			return
		}
	}
}

// lastMeaningfulLine skips trailing blanks, boundary lines and, above a
// closing date, the short signature lines.
func lastMeaningfulLine(lines []line) (line, bool) {
	i := len(lines) - 1
	sawDate := false
	for ; i >= 0; i-- {
		ln := lines[i]
		if ln.kind == lineBoundary {
			sawDate = sawDate || reDateLine.MatchString(ln.text)
			continue
		}
		if ln.kind != lineBlank {
			break
		}
	}
	for skipped := 0; sawDate && i >= 0 && skipped < 3; i-- {
		ln := lines[i]
		if ln.kind == lineBlank {
			continue
		}
		if utf8.RuneCountInString(ln.text) > 30 || strings.ContainsAny(ln.text, "。，,") {
			break
		}
		skipped++
	}
	for ; i >= 0; i-- {
		if lines[i].kind != lineBlank && lines[i].kind != lineBoundary {
			return lines[i], true
		}
	}
	return line{}, false
}

func endsSentence(s string) bool {
	return strings.ContainsRune("。！？!?；;）)」”\"》】….", lastRune(s))
}

var (
	reTitleWord  = regexp.MustCompile(`方案|意见|要点|计划|规划|安排|措施|办法|分工|清单`)
	reQuoted     = regexp.MustCompile(`《([^》]+)》`)
	reYear       = regexp.MustCompile(`(\d{4})\s*年`)
	reYearRange  = regexp.MustCompile(`\d{4}\s*年?\s*[-—–~～至到]+\s*\d{4}`)
	reNoticeLine = regexp.MustCompile(`的通知$|^关于印发|[:：]$`)
)

// detectTitle picks the plan's own title: the last short line before the
// first heading that names a plan (方案/意见/要点 …), skipping the 关于印发…的通知
// wrapper. Failing that, the 《…》 of the notice line.
func detectTitle(lines []line) string {
	title, quoted := "", ""
	for _, ln := range lines {
		if ln.kind == lineHeading {
			break
		}
		s := ln.text
		if ln.kind != lineText || strings.Contains(s, "。") || utf8.RuneCountInString(s) > 60 {
			if m := reQuoted.FindStringSubmatch(s); m != nil && quoted == "" && strings.Contains(s, "印发") {
				quoted = m[1]
			}
			continue
		}
		if m := reQuoted.FindStringSubmatch(s); m != nil && quoted == "" && strings.Contains(s, "印发") {
			quoted = m[1]
		}
		if reTitleWord.MatchString(s) && !reNoticeLine.MatchString(s) {
			title = strings.TrimSuffix(strings.TrimPrefix(s, "《"), "》")
		}
	}
	if title == "" {
		title = quoted
	}
	return title
}

// titleYear returns the single year of an annual plan's title, 0 otherwise.
func titleYear(title string) int {
	if reYearRange.MatchString(title) {
		return 0
	}
	year := 0
	for _, m := range reYear.FindAllStringSubmatch(title, -1) {
		y, _ := strconv.Atoi(m[1])
		if year != 0 && y != year {
			return 0
		}
		year = y
	}
	return year
}
