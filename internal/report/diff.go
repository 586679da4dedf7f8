package report

// Op is what a diff says about a piece of text.
type Op string

const (
	OpSame Op = "same"
	OpIns  Op = "ins"
	OpDel  Op = "del"
)

// Span is a run of characters with one Op.
type Span struct {
	Op   Op
	Text string
}

// DiffPara is one paragraph of a readable diff: kept, added, removed, or
// changed (then Spans mark the characters inserted and deleted).
type DiffPara struct {
	Op    Op // same | ins | del | "changed"
	Spans []Span
}

// OpChanged marks a paragraph edited in place.
const OpChanged Op = "changed"

// maxCharDiff bounds the character comparison of a changed paragraph
// (runes × runes); longer pairs are shown as removed and added.
const maxCharDiff = 1 << 20

// Diff compares two texts paragraph by paragraph; removed paragraphs
// directly followed by added ones are paired in order and shown as changed
// paragraphs with the characters that differ.
func Diff(oldText, newText string) []DiffPara {
	a, b := paragraphs(oldText), paragraphs(newText)
	ops := lcsOps(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
	var out []DiffPara
	for k := 0; k < len(ops); {
		if ops[k].op == OpSame {
			out = append(out, DiffPara{Op: OpSame, Spans: []Span{{OpSame, a[ops[k].i]}}})
			k++
			continue
		}
		var dels, inss []string
		for ; k < len(ops) && ops[k].op == OpDel; k++ {
			dels = append(dels, a[ops[k].i])
		}
		for ; k < len(ops) && ops[k].op == OpIns; k++ {
			inss = append(inss, b[ops[k].j])
		}
		for i := 0; i < max(len(dels), len(inss)); i++ {
			switch {
			case i < len(dels) && i < len(inss):
				out = append(out, changed(dels[i], inss[i])...)
			case i < len(dels):
				out = append(out, DiffPara{Op: OpDel, Spans: []Span{{OpDel, dels[i]}}})
			default:
				out = append(out, DiffPara{Op: OpIns, Spans: []Span{{OpIns, inss[i]}}})
			}
		}
	}
	return out
}

func changed(x, y string) []DiffPara {
	ra, rb := []rune(x), []rune(y)
	if len(ra)*len(rb) > maxCharDiff {
		return []DiffPara{{Op: OpDel, Spans: []Span{{OpDel, x}}}, {Op: OpIns, Spans: []Span{{OpIns, y}}}}
	}
	var spans []Span
	add := func(op Op, r rune) {
		if n := len(spans); n > 0 && spans[n-1].Op == op {
			spans[n-1].Text += string(r)
			return
		}
		spans = append(spans, Span{op, string(r)})
	}
	for _, o := range lcsOps(len(ra), len(rb), func(i, j int) bool { return ra[i] == rb[j] }) {
		switch o.op {
		case OpSame:
			add(OpSame, ra[o.i])
		case OpDel:
			add(OpDel, ra[o.i])
		default:
			add(OpIns, rb[o.j])
		}
	}
	return []DiffPara{{Op: OpChanged, Spans: spans}}
}

type lcsOp struct {
	op   Op
	i, j int
}

// lcsOps is the edit script of a longest common subsequence: deletions
// before insertions at each point, so an edited element pairs up.
func lcsOps(n, m int, eq func(i, j int) bool) []lcsOp {
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var out []lcsOp
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && eq(i, j):
			out = append(out, lcsOp{OpSame, i, j})
			i, j = i+1, j+1
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			out = append(out, lcsOp{OpDel, i, j})
			i++
		default:
			out = append(out, lcsOp{OpIns, i, j})
			j++
		}
	}
	return out
}
