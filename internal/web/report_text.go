package web

import (
	"slices"
	"strings"

	"fazhi/internal/metric"
	"fazhi/internal/report"
)

// reportPiece is a run of a paragraph as the report page shows it: text
// (a 【…】 placeholder highlighted), a figure linked to its source, or a
// small link to a record the text draws on.
type reportPiece struct {
	Text        string
	Placeholder bool
	Figure      *report.Figure
	Missing     string // key of a cited figure absent from the snapshot
	RefLink     string
	RefLabel    string
}

// reportSectionView is a section with its numbered headings and its
// paragraphs split into pieces.
type reportSectionView struct {
	report.Section
	PartHeading string // the part's heading, shown before its first section
	Numbered    string // the section's own numbered heading ("（一）…" in part 一, "" for the 导语)
	Paras       [][]reportPiece
}

// reportSections numbers the sections as the exported document does
// (report.PartHeading, report.AreaHeading) and resolves each against the
// snapshot it cites.
func reportSections(full report.Full) []reportSectionView {
	var out []reportSectionView
	part, area := -1, 0
	for _, sec := range full.Sections {
		v := reportSectionView{Section: sec}
		if sec.Part != part {
			part = sec.Part
			if part > 1 {
				v.Numbered = report.PartHeading(part, full.Year, sec.Heading)
			} else if part == 1 {
				v.PartHeading = report.PartHeading(1, full.Year, "")
			}
		}
		if part == 1 {
			area++
			v.Numbered = report.AreaHeading(area, sec.Heading)
		}
		figs := full.Figures[sec.Snapshot]
		for _, p := range sec.Paragraphs() {
			v.Paras = append(v.Paras, reportPieces(p, figs))
		}
		out = append(out, v)
	}
	return out
}

// reportPieces splits a paragraph into text, placeholders, figures and
// record links.
func reportPieces(p string, figs report.Figures) []reportPiece {
	var out []reportPiece
	for _, seg := range report.Segments(p) {
		switch {
		case seg.Key != "":
			f, ok := figs[seg.Key]
			switch {
			case !ok:
				out = append(out, reportPiece{Missing: seg.Key, Text: "【数据项" + seg.Key + "不存在】", Placeholder: true})
			case !f.Known:
				out = append(out, reportPiece{Text: "【" + f.Name + "：暂无数据】", Placeholder: true})
			default:
				out = append(out, reportPiece{Figure: &f})
			}
		case seg.RefKind != "":
			out = append(out, reportPiece{RefLink: report.RefLink(seg.RefKind, seg.RefID), RefLabel: report.RefLabel(seg.RefKind)})
		default:
			out = append(out, textPieces(seg.Text)...)
		}
	}
	return out
}

// textPieces marks the 【…】 placeholders of a literal text.
func textPieces(text string) []reportPiece {
	var out []reportPiece
	for _, ph := range report.Placeholders(text) {
		i := strings.Index(text, ph)
		if i > 0 {
			out = append(out, reportPiece{Text: text[:i]})
		}
		out = append(out, reportPiece{Text: ph, Placeholder: true})
		text = text[i+len(ph):]
	}
	if text != "" {
		out = append(out, reportPiece{Text: text})
	}
	return out
}

// figureRow is a figure of the snapshot in registry order, with whether
// the text cites it.
type figureRow struct {
	report.Figure
	Token string
	Cited bool
}

// figureRows lists a snapshot in the registry's order (figures the
// registry no longer knows last); cited marks the keys the text uses.
func figureRows(figs report.Figures, reg *metric.Registry, cited map[string]bool) []figureRow {
	var out []figureRow
	done := map[string]bool{}
	add := func(k string) {
		if f, ok := figs[k]; ok && !done[k] {
			done[k] = true
			out = append(out, figureRow{Figure: f, Token: report.Token(k), Cited: cited[k]})
		}
	}
	if reg != nil {
		for _, info := range reg.List() {
			add(info.Key)
		}
	}
	var rest []string
	for k := range figs {
		if !done[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		add(k)
	}
	return out
}
