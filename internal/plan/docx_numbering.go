package plan

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// numbering renders Word list numbers (word/numbering.xml). Counters are
// kept per list instance (numId); level overrides and list styles attached
// through paragraph styles are not followed.
type numbering struct {
	levels   map[string]map[int]numLevel // abstractNumId → ilvl → level
	abstract map[string]string           // numId → abstractNumId
	counters map[string][]int            // numId → counter per level
}

type numLevel struct {
	format, text string
	start        int
}

type xmlVal struct {
	Val string `xml:"val,attr"`
}

type xmlNumbering struct {
	Abstract []struct {
		ID     string `xml:"abstractNumId,attr"`
		Levels []struct {
			Ilvl    int    `xml:"ilvl,attr"`
			Start   xmlVal `xml:"start"`
			NumFmt  xmlVal `xml:"numFmt"`
			LvlText xmlVal `xml:"lvlText"`
		} `xml:"lvl"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID       string `xml:"numId,attr"`
		Abstract xmlVal `xml:"abstractNumId"`
	} `xml:"num"`
}

func loadNumbering(f *zip.File) (*numbering, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: open numbering.xml: %w", err)
	}
	defer rc.Close()
	var x xmlNumbering
	if err := xml.NewDecoder(&limitedReader{r: rc, left: maxDOCXPart}).Decode(&x); err != nil {
		return nil, fmt.Errorf("docx: numbering.xml: %w", err)
	}
	n := &numbering{levels: map[string]map[int]numLevel{}, abstract: map[string]string{}, counters: map[string][]int{}}
	for _, a := range x.Abstract {
		lv := map[int]numLevel{}
		for _, l := range a.Levels {
			start, err := strconv.Atoi(l.Start.Val)
			if err != nil {
				start = 1
			}
			lv[l.Ilvl] = numLevel{format: l.NumFmt.Val, text: l.LvlText.Val, start: start}
		}
		n.levels[a.ID] = lv
	}
	for _, m := range x.Nums {
		n.abstract[m.ID] = m.Abstract.Val
	}
	return n, nil
}

// label advances the list counter and returns the rendered number, e.g. "（三）".
func (n *numbering) label(numID, ilvlStr string) string {
	if n == nil || numID == "" || numID == "0" {
		return ""
	}
	levels := n.levels[n.abstract[numID]]
	ilvl, _ := strconv.Atoi(ilvlStr)
	lv, ok := levels[ilvl]
	if !ok || ilvl < 0 || ilvl > 8 {
		return ""
	}
	c := n.counters[numID]
	if c == nil {
		c = make([]int, 9)
		n.counters[numID] = c
	}
	if c[ilvl] == 0 {
		c[ilvl] = lv.start
	} else {
		c[ilvl]++
	}
	for deeper := ilvl + 1; deeper < len(c); deeper++ {
		c[deeper] = 0
	}
	text := lv.text
	for k := 0; k <= ilvl; k++ {
		placeholder := "%" + strconv.Itoa(k+1)
		if strings.Contains(text, placeholder) {
			text = strings.ReplaceAll(text, placeholder, formatNumber(max(c[k], levels[k].start), levels[k].format))
		}
	}
	return text
}

func formatNumber(v int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital":
		return chineseNumeral(v)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	case "bullet", "none":
		return ""
	case "lowerLetter":
		if v >= 1 && v <= 26 {
			return string(rune('a' + v - 1))
		}
	case "upperLetter":
		if v >= 1 && v <= 26 {
			return string(rune('A' + v - 1))
		}
	}
	return strconv.Itoa(v)
}

// chineseNumeral writes 1..999 the way headings do: 十, 十一, 二十, 一百零五.
func chineseNumeral(v int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if v <= 0 || v > 999 {
		return strconv.Itoa(v)
	}
	var b strings.Builder
	h, t, u := v/100, v/10%10, v%10
	if h > 0 {
		b.WriteString(digits[h] + "百")
		if t == 0 && u > 0 {
			b.WriteString("零")
		}
	}
	if t > 0 {
		if t > 1 || h > 0 {
			b.WriteString(digits[t])
		}
		b.WriteString("十")
	}
	if u > 0 {
		b.WriteString(digits[u])
	}
	return b.String()
}
