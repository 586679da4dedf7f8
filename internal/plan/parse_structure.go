package plan

import (
	"regexp"
	"slices"
)

// node is one numbered heading and the span of lines it governs.
type node struct {
	heading
	line   int // index of the heading in lines
	end    int // index of the first line after the span
	parent int // index in nodes, -1 at the top
	annots int // unit lists attributed to this heading itself
	sub    int // unit lists in this heading and its descendants
}

// buildNodes turns headings into a tree. A unit list belongs to the innermost
// heading open when it appears; a boundary line (附件, date) closes all.
func buildNodes(lines []line) []node {
	var nodes []node
	var stack []int
	closeFrom := func(rank, at int) {
		for len(stack) > 0 && nodes[stack[len(stack)-1]].rank >= rank {
			nodes[stack[len(stack)-1]].end = at
			stack = stack[:len(stack)-1]
		}
	}
	for i, ln := range lines {
		switch ln.kind {
		case lineHeading:
			closeFrom(ln.head.rank, i)
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			nodes = append(nodes, node{heading: ln.head, line: i, parent: parent})
			stack = append(stack, len(nodes)-1)
		case lineBoundary:
			closeFrom(-1, i)
		}
		if ln.annot != nil && len(stack) > 0 {
			nodes[stack[len(stack)-1]].annots++
		}
	}
	closeFrom(-1, len(lines))
	// Children come after their parents, so a backward sweep sums subtrees.
	for i := len(nodes) - 1; i >= 0; i-- {
		nodes[i].sub += nodes[i].annots
		if p := nodes[i].parent; p >= 0 {
			nodes[p].sub += nodes[i].sub
		}
	}
	return nodes
}

// Thresholds for choosing the task level; see ParseText.
const (
	minUnitShare    = 0.8
	minItemCoverage = 0.6
)

// chooseTaskRank returns the chapter rank (the shallowest numbering used) and
// the rank whose items are tasks.
func chooseTaskRank(nodes []node) (chapterRank, taskRank int) {
	var ranks []int
	total := 0
	for _, n := range nodes {
		if !slices.Contains(ranks, n.rank) {
			ranks = append(ranks, n.rank)
		}
		total += n.annots
	}
	slices.Sort(ranks)
	chapterRank = ranks[0]
	below := chapterRank
	if len(ranks) > 1 {
		below = ranks[1]
	}
	if total == 0 {
		return chapterRank, below
	}
	for i := len(ranks) - 1; i >= 0; i-- {
		share, coverage := rankStats(nodes, ranks[i], chapterRank, total)
		if share >= minUnitShare && coverage >= minItemCoverage {
			return chapterRank, ranks[i]
		}
	}
	for _, r := range ranks[1:] {
		if share, _ := rankStats(nodes, r, chapterRank, total); share >= minUnitShare {
			return chapterRank, r
		}
	}
	return chapterRank, chapterRank
}

// rankStats returns the share of all unit lists that sit inside items of rank
// r, and the share of those items (in chapters with any list) that carry one.
func rankStats(nodes []node, r, chapterRank, total int) (share, coverage float64) {
	inside, items, covered := 0, 0, 0
	for i, n := range nodes {
		if n.rank != r {
			continue
		}
		inside += n.sub
		if r != chapterRank {
			if ch := ancestorAt(nodes, i, chapterRank); ch >= 0 && nodes[ch].sub == 0 {
				continue
			}
		}
		items++
		if n.sub > 0 {
			covered++
		}
	}
	if items == 0 {
		return float64(inside) / float64(total), 0
	}
	return float64(inside) / float64(total), float64(covered) / float64(items)
}

// ancestorAt returns the nearest ancestor of nodes[i] with the given rank, or -1.
func ancestorAt(nodes []node, i, rank int) int {
	for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
		if nodes[p].rank == rank {
			return p
		}
	}
	return -1
}

var (
	// Item titles that state guidance, not work.
	reFramingTitle = regexp.MustCompile(`^(?:指导思想|基本原则|工作原则|总体目标|主要目标|工作目标|目标任务|总体要求|目标要求|基本要求|衡量标准|重要意义|适用范围|总体思路|工作思路)$`)
	// Chapter titles of the 总体要求 kind, unless they also announce tasks.
	reFramingChapter = regexp.MustCompile(`总体要求|指导思想|基本原则|工作原则|总体目标|主要目标|工作目标|目标要求|基本要求|重要意义|总体思路`)
	reTaskChapter    = regexp.MustCompile(`任务|措施|举措`)
)

func isFramingChapter(title string) bool {
	return reFramingChapter.MatchString(title) && !reTaskChapter.MatchString(title)
}
