package enforcement

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"fazhi/internal/store"
)

// PublicationTerms are the search terms of a text: each pair of adjacent
// Han characters (a lone one by itself), and each run of letters or digits
// in lower case. A keyword matches a publication only if all the keyword's
// terms are among the publication's, which the index answers; the exact
// substring is then checked on the few rows left.
func PublicationTerms(text string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	rs := []rune(strings.ToLower(text))
	for i := 0; i < len(rs); {
		switch {
		case unicode.Is(unicode.Han, rs[i]):
			j := i
			for j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
				j++
			}
			if j-i == 1 {
				add(string(rs[i]))
			}
			for k := i; k+1 < j; k++ {
				add(string(rs[k : k+2]))
			}
			i = j
		case unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]):
			j := i
			for j < len(rs) && !unicode.Is(unicode.Han, rs[j]) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				j++
			}
			add(string(rs[i:j]))
			i = j
		default:
			i++
		}
	}
	return out
}

// IndexPublication writes the search terms of a publication's title and
// 决定书文号 in the caller's transaction; every writer of enf_publications
// calls it after the insert.
func (s *Service) IndexPublication(ctx context.Context, tx *store.Tx, id int64, title, decisionNo string) error {
	terms := PublicationTerms(title + " " + decisionNo)
	if len(terms) == 0 {
		return nil
	}
	var b strings.Builder
	args := make([]any, 0, 2*len(terms))
	for i, t := range terms {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?)")
		args = append(args, t, id)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO enf_publication_terms (term, publication_id) VALUES `+b.String(), args...); err != nil {
		return fmt.Errorf("index publication %d: %w", id, err)
	}
	return nil
}

// keywordCondition is the search condition of a keyword: the title or 文号
// contains it (the exact check, first: it reads only the index the page
// walks), and the publication holds every term of it that the substring
// does not already imply. A pair of Han characters in the keyword is a pair
// in any text containing it, so those are not probed again (a probe is a
// B-tree descent per row, and the broad searches walk hundreds of rows); a
// lone Han character or a run of letters or digits may sit inside a longer
// run of the title, so their postings are still required, as the driving
// term's are. The matches are the same either way.
func keywordCondition(q, driver string) (string, []any) {
	// The pattern is built in SQL: a bare parameter on the right of LIKE
	// makes SQLite re-prepare the statement whenever its value changes (the
	// LIKE prefix optimisation depends on it), which was a tenth of the
	// search's CPU; a leading % could never use it anyway.
	like := escapeLike(strings.TrimSpace(q))
	conds := []string{`(p.title LIKE ('%' || ? || '%') ESCAPE '\' OR p.decision_no LIKE ('%' || ? || '%') ESCAPE '\')`}
	args := []any{like, like}
	for _, t := range PublicationTerms(q) {
		if t == driver || hanPair(t) {
			continue
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM enf_publication_terms x WHERE x.term = CAST(? AS TEXT) AND x.publication_id = p.id)")
		args = append(args, t)
	}
	return "(" + strings.Join(conds, " AND ") + ")", args
}

// hanPair reports whether a term is two Han characters (a bigram).
func hanPair(t string) bool {
	n := 0
	for _, r := range t {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n == 2
}

// RebuildPublicationTerms re-derives the search terms of every publication
// (after a bulk load, or if the terms were lost), in batches.
func (s *Service) RebuildPublicationTerms(ctx context.Context) (int, error) {
	type row struct {
		id          int64
		title, dnum string
	}
	var all []row
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, title, decision_no FROM enf_publications ORDER BY id`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.title, &r.dnum); err != nil {
			rows.Close()
			return 0, err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	const batch = 2000
	for from := 0; from < len(all); from += batch {
		part := all[from:min(from+batch, len(all))]
		err := s.DB.InTx(ctx, func(tx *store.Tx) error {
			for _, r := range part {
				if _, err := tx.ExecContext(ctx, `DELETE FROM enf_publication_terms WHERE publication_id = ?`, r.id); err != nil {
					return err
				}
				if err := s.IndexPublication(ctx, tx, r.id, r.title, r.dnum); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return from, err
		}
	}
	return len(all), nil
}
