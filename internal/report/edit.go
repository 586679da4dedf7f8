package report

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// SectionInput is a user's save of one section. Base is the version the
// user edited: a save over a newer version is refused rather than lost.
type SectionInput struct {
	Heading string
	Body    string
	Note    string
	Base    int
}

// openForEdit loads a report that may still change, inside tx.
func openForEdit(ctx context.Context, tx *store.Tx, id int64) (Report, error) {
	r, err := getReport(ctx, tx, id)
	if err != nil {
		return r, err
	}
	return r, Allowed(r.Status, ActEdit)
}

// SaveSection stores a new version of a section: all or nothing, audited.
func (s *Service) SaveSection(ctx context.Context, id int64, key string, in SectionInput) (int, error) {
	in.Heading, in.Note = strings.TrimSpace(in.Heading), strings.TrimSpace(in.Note)
	in.Body = strings.Join(paragraphs(in.Body), "\n")
	if utf8.RuneCountInString(in.Note) > maxNote {
		return 0, invalid("修改说明不能超过 %d 个字", maxNote)
	}
	var ver int
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := openForEdit(ctx, tx, id)
		if err != nil {
			return err
		}
		cur, err := section(ctx, tx, id, key)
		if err != nil {
			return err
		}
		if in.Base != 0 && in.Base != cur.Version {
			return conflict("本节已被%s修改为第 %d 版，请在最新版本上修改", cur.ByName, cur.Version)
		}
		if cur.Part == 0 {
			in.Heading = ""
		}
		figs, err := loadFigures(ctx, tx, id, r.Snapshot)
		if err != nil {
			return err
		}
		if err := CheckSection(in.Heading, in.Body, figs[r.Snapshot], cur.Part != 0); err != nil {
			return err
		}
		if in.Heading == cur.Heading && in.Body == cur.Body {
			return invalid("内容没有变化，无需保存")
		}
		ver, err = s.addVersion(ctx, tx, r, cur, Version{Heading: in.Heading, Body: in.Body, Snapshot: r.Snapshot,
			Kind: KindEdit, Note: in.Note}, "修改")
		return err
	})
	return ver, err
}

// Restore makes an old version's text current again, as a new version.
func (s *Service) Restore(ctx context.Context, id int64, key string, version int) (int, error) {
	var ver int
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := openForEdit(ctx, tx, id)
		if err != nil {
			return err
		}
		cur, err := section(ctx, tx, id, key)
		if err != nil {
			return err
		}
		vs, err := versions(ctx, tx, id, key)
		if err != nil {
			return err
		}
		var old *Version
		for i := range vs {
			if vs[i].Version == version {
				old = &vs[i]
			}
		}
		switch {
		case old == nil:
			return notFound("本节没有第 %d 版", version)
		case version == cur.Version:
			return invalid("第 %d 版已是当前版本", version)
		}
		// The restored text is read against the current figures; its tokens
		// all exist there, since snapshots hold every registered metric.
		ver, err = s.addVersion(ctx, tx, r, cur, Version{Heading: old.Heading, Body: old.Body, Snapshot: r.Snapshot,
			Kind: KindRestore, Note: fmt.Sprintf("恢复第 %d 版", version)}, "恢复")
		return err
	})
	return ver, err
}

// addVersion stores v for the section with the actor and time, touches the
// report and audits the change.
func (s *Service) addVersion(ctx context.Context, tx *store.Tx, r Report, cur Section, v Version, verb string) (int, error) {
	byID, byName := actor(ctx, tx)
	v.ByName, v.At = byName, s.now()
	ver, err := addVersion(ctx, tx, r.ID, cur.Key, v, byID)
	if err != nil {
		return 0, err
	}
	if err := touch(ctx, tx, r.ID, v.At); err != nil {
		return 0, err
	}
	label := cur.Heading
	if label == "" {
		label = "导语"
	}
	summary := fmt.Sprintf("%s《%s》“%s”，第 %d 版", verb, r.Title, label, ver)
	if v.Note != "" {
		summary += "：" + v.Note
	}
	return ver, s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSection, ObjectType: ObjectType, ObjectID: itoa(r.ID),
		Summary: summary, Changes: []audit.Change{{Field: cur.Key, Before: fmt.Sprint(cur.Version), After: fmt.Sprint(ver)}}})
}

// Refresh re-reads every figure into a new snapshot; each section whose
// figures changed gets a new version citing it. It returns how many
// figures changed.
func (s *Service) Refresh(ctx context.Context, id int64) (int, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return 0, err
	}
	u, err := s.Org.Get(ctx, r.UnitID)
	if err != nil {
		return 0, err
	}
	figs, order, err := s.snapshot(ctx, u, r.Year)
	if err != nil {
		return 0, err
	}
	changed := 0
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := openForEdit(ctx, tx, id)
		if err != nil {
			return err
		}
		old, err := loadFigures(ctx, tx, id, r.Snapshot)
		if err != nil {
			return err
		}
		changed = countChanged(old[r.Snapshot], figs)
		next, now := r.Snapshot+1, s.now()
		if err := insertFigures(ctx, tx, id, next, figs, order, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET snapshot = ?, updated_at = ? WHERE id = ?`, next, now, id); err != nil {
			return err
		}
		if err := s.refreshSections(ctx, tx, r, figs, next); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRefresh, ObjectType: ObjectType, ObjectID: itoa(id),
			Summary: fmt.Sprintf("刷新《%s》的数据：%d 项有变化", r.Title, changed),
			Changes: []audit.Change{{Field: "snapshot", Before: fmt.Sprint(r.Snapshot), After: fmt.Sprint(next)}}})
	})
	return changed, err
}

// refreshSections gives every section whose resolved text changes with the
// new figures a version citing them.
func (s *Service) refreshSections(ctx context.Context, tx *store.Tx, r Report, figs Figures, next int) error {
	secs, err := sections(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	var snaps []int
	for _, sec := range secs {
		snaps = append(snaps, sec.Snapshot)
	}
	olds, err := loadFigures(ctx, tx, r.ID, snaps...)
	if err != nil {
		return err
	}
	for _, sec := range secs {
		if Plain(sec.Body, olds[sec.Snapshot]) == Plain(sec.Body, figs) && sameLinks(sec.Body, olds[sec.Snapshot], figs) {
			continue
		}
		r.Snapshot = next
		if _, err := s.addVersion(ctx, tx, r, sec, Version{Heading: sec.Heading, Body: sec.Body, Snapshot: next,
			Kind: KindRefresh, Note: "刷新数据"}, "刷新数据"); err != nil {
			return err
		}
	}
	return nil
}

// sameLinks reports whether the figures a text cites keep their sources.
func sameLinks(body string, a, b Figures) bool {
	for _, k := range Keys(body) {
		if a[k].Link != b[k].Link || a[k].Source != b[k].Source {
			return false
		}
	}
	return true
}

func countChanged(old, cur Figures) int {
	n := 0
	for k, f := range cur {
		o, ok := old[k]
		if !ok || o.Known != f.Known || o.Number != f.Number || o.Source != f.Source {
			n++
		}
	}
	return n
}

// Redraft writes a section again from the current data (a new version; the
// old text stays in the history).
func (s *Service) Redraft(ctx context.Context, id int64, key string) (int, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return 0, err
	}
	u, err := s.Org.Get(ctx, r.UnitID)
	if err != nil {
		return 0, err
	}
	figs, err := loadFigures(ctx, s.DB.Read(), id, r.Snapshot)
	if err != nil {
		return 0, err
	}
	order := make([]string, 0, len(figs[r.Snapshot]))
	if s.Metrics != nil {
		for _, info := range s.Metrics.List() {
			order = append(order, info.Key)
		}
	}
	in, err := s.input(ctx, u, r.Year, figs[r.Snapshot], order)
	if err != nil {
		return 0, err
	}
	d, ok := DraftSection(in, key)
	if !ok {
		return 0, notFound("这一节不能重新起草")
	}
	var ver int
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := openForEdit(ctx, tx, id)
		if err != nil {
			return err
		}
		cur, err := section(ctx, tx, id, key)
		if err != nil {
			return err
		}
		ver, err = s.addVersion(ctx, tx, r, cur, Version{Heading: d.Heading, Body: d.Body, Snapshot: r.Snapshot,
			Kind: KindRedraft, Note: "根据当前数据重新起草"}, "重新起草")
		return err
	})
	return ver, err
}

// Meta is the report's 公文 frame.
type Meta struct {
	Title     string
	DocNo     string
	Addressee string
	Issuer    string
}

// SetMeta changes the title, 发文字号, 主送机关 and 署名.
func (s *Service) SetMeta(ctx context.Context, id int64, m Meta) error {
	m.Title, m.DocNo = strings.TrimSpace(m.Title), strings.TrimSpace(m.DocNo)
	m.Addressee, m.Issuer = strings.TrimSpace(m.Addressee), strings.TrimSpace(m.Issuer)
	switch {
	case m.Title == "":
		return invalid("请填写报告标题")
	case utf8.RuneCountInString(m.Title) > 80:
		return invalid("报告标题不能超过 80 个字")
	case utf8.RuneCountInString(m.DocNo) > 40 || utf8.RuneCountInString(m.Issuer) > 100 || utf8.RuneCountInString(m.Addressee) > 200:
		return invalid("发文字号不超过 40 个字，署名不超过 100 个字，主送机关不超过 200 个字")
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := openForEdit(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET title = ?, doc_no = ?, addressee = ?, issuer = ?, updated_at = ?
			WHERE id = ?`, m.Title, m.DocNo, m.Addressee, m.Issuer, s.now(), id); err != nil {
			return err
		}
		var ch []audit.Change
		for _, c := range [][3]string{{"title", r.Title, m.Title}, {"doc_no", r.DocNo, m.DocNo},
			{"addressee", r.Addressee, m.Addressee}, {"issuer", r.Issuer, m.Issuer}} {
			if c[1] != c[2] {
				ch = append(ch, audit.Change{Field: c[0], Before: c[1], After: c[2]})
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionMeta, ObjectType: ObjectType, ObjectID: itoa(id),
			Summary: "修改《" + m.Title + "》的标题、文号、主送机关或署名", Changes: ch})
	})
}

// SetDates changes the report's own deadlines: the open items in the
// monitor are cancelled and registered again with the new dates.
func (s *Service) SetDates(ctx context.Context, id int64, submitBy, publishBy, reason string) error {
	submitBy, publishBy, reason = strings.TrimSpace(submitBy), strings.TrimSpace(publishBy), strings.TrimSpace(reason)
	for _, d := range []string{submitBy, publishBy} {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return invalid("期限应为日期，如 2026-03-01")
		}
	}
	switch {
	case submitBy > publishBy:
		return invalid("报送期限不能晚于公开期限")
	case reason == "":
		return invalid("请写明调整期限的依据")
	case utf8.RuneCountInString(reason) > maxNote:
		return invalid("调整依据不能超过 %d 个字", maxNote)
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := getReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.moveDeadline(ctx, tx, r, "submit", submitBy, reason); err != nil {
			return err
		}
		if err := s.moveDeadline(ctx, tx, r, "publish", publishBy, reason); err != nil {
			return err
		}
		basis := "期限由本报告另行确定：" + reason
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET submit_by = ?, publish_by = ?, deadline_basis = ?, updated_at = ?
			WHERE id = ?`, submitBy, publishBy, basis, s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionDates, ObjectType: ObjectType, ObjectID: itoa(id),
			Summary: "调整《" + r.Title + "》的期限：" + reason, Changes: []audit.Change{
				{Field: "submit_by", Before: r.SubmitBy, After: submitBy}, {Field: "publish_by", Before: r.PublishBy, After: publishBy}}})
	})
}

// moveDeadline re-registers one open deadline of the report with a new date.
func (s *Service) moveDeadline(ctx context.Context, tx *store.Tx, r Report, what, due, reason string) error {
	if s.Deadlines == nil {
		return nil
	}
	items, err := s.Deadlines.ItemsOf(ctx, ObjectType, deadlineObject(r.ID, what))
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Status != deadline.StatusOpen || it.Start.String() == due {
			continue
		}
		if err := s.Deadlines.Cancel(ctx, tx, it.ID, "期限调整："+reason); err != nil {
			return err
		}
		d, err := calendar.ParseDate(due)
		if err != nil {
			return invalid("期限日期不正确：%s", due)
		}
		it.Start, it.Citation = d, "本报告另行确定的期限（"+reason+"）；"+it.Citation
		if _, err := s.Deadlines.Register(ctx, tx, it); err != nil {
			return err
		}
	}
	return nil
}
