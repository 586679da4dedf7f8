package docgen

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/signintech/gopdf/fontmaker/core"
)

// The PDF embeds one CJK face and a Latin companion: DroidSansFallbackFull
// has no Latin letters, digits or Western punctuation (see fonts/README.md).
var (
	//go:embed fonts/DroidSansFallbackFull.ttf
	ttfCJK []byte
	//go:embed fonts/LiberationSerif-Regular.ttf
	ttfLatin []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	ttfLatinBold []byte
)

// fontID names a face registered with gopdf.
type fontID int

const (
	fCJK fontID = iota
	fLatin
	fLatinBold
)

var fontFamilies = [...]string{fCJK: "cjk", fLatin: "latin", fLatinBold: "latinb"}

func (f fontID) family() string { return fontFamilies[f] }

// face holds what layout needs of a font: which runes it has and their
// advances in em.
type face struct {
	glyph  map[int]uint
	widths []uint
	upem   float64
}

func (f *face) has(r rune) bool { _, ok := f.glyph[int(r)]; return ok }

func (f *face) adv(r rune) float64 {
	g, ok := f.glyph[int(r)]
	if !ok || int(g) >= len(f.widths) {
		return 0
	}
	return float64(f.widths[g]) / f.upem
}

var (
	facesOnce sync.Once
	faces     [3]*face
	facesErr  error
)

// loadFaces parses the embedded fonts once per process.
func loadFaces() ([3]*face, error) {
	facesOnce.Do(func() {
		for i, data := range [][]byte{ttfCJK, ttfLatin, ttfLatinBold} {
			var p core.TTFParser
			if err := p.ParseFontData(data); err != nil {
				facesErr = fmt.Errorf("docgen: parse font %s: %w", fontID(i).family(), err)
				return
			}
			faces[i] = &face{glyph: p.Chars(), widths: p.Widths(), upem: float64(p.UnitsPerEm())}
		}
	})
	return faces, facesErr
}

// glyphKind says how a rune is set.
type glyphKind int

const (
	kindCJK   glyphKind = iota // from the CJK face, on the character grid
	kindLatin                  // from the Latin face, proportional
	kindWide                   // Latin glyph centred or aligned in a full 字 cell (“ ” — …)
)

// wideMarks are set full-width in Chinese text though only the Latin face
// has them; opening marks sit at the right of their cell, closing ones at
// the left, the rest centred.
const (
	wideOpen   = "“‘"
	wideClose  = "”’"
	wideCenter = "—…·•□"
)

// metrics answers layout questions for one text style.
type metrics struct {
	faces [3]*face
	size  float64 // font size in pt
	pitch float64 // advance of a full-width character (the grid 字)
	bold  bool
}

func (m metrics) latin() *face {
	if m.bold {
		return m.faces[fLatinBold]
	}
	return m.faces[fLatin]
}

// kind classifies r; runes no face has come back as a full-width '□', the
// mark Chinese typesetting uses for a missing character.
func (m metrics) kind(r rune) (glyphKind, rune) {
	switch {
	case strings.ContainsRune(wideOpen+wideClose+wideCenter, r):
		return kindWide, r
	case r < 0x2000 && m.latin().has(r):
		return kindLatin, r
	case m.faces[fCJK].has(r):
		return kindCJK, r
	case m.latin().has(r):
		return kindLatin, r
	}
	return kindWide, '□'
}

// adv is the advance of r in points at this style (without justification).
func (m metrics) adv(r rune) float64 {
	k, r := m.kind(r)
	switch k {
	case kindWide:
		return m.pitch
	case kindLatin:
		return m.latin().adv(r) * m.size
	}
	a := m.faces[fCJK].adv(r)
	if a >= 0.99 { // a full-width glyph takes one grid 字
		return m.pitch
	}
	return a * m.size
}

// width measures a string.
func (m metrics) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += m.adv(r)
	}
	return w
}
