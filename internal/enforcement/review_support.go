package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// Helpers shared by the supervision files (案卷评查, 两法衔接, 投诉举报,
// 复议/诉讼): the case a record is about, the acting user, dates, texts.

// CaseRef is the case a supervision record refers to.
type CaseRef struct {
	ID       int64
	CaseNo   string
	Title    string
	UnitID   int64
	UnitName string
	UnitPath string
	State    State
}

const caseRefSelect = `SELECT c.id, c.case_no, c.title, c.unit_id, u.name, u.path, c.state
	FROM enf_cases c JOIN units u ON u.id = c.unit_id `

func scanCaseRef(sc interface{ Scan(...any) error }) (CaseRef, error) {
	var c CaseRef
	var st string
	err := sc.Scan(&c.ID, &c.CaseNo, &c.Title, &c.UnitID, &c.UnitName, &c.UnitPath, &st)
	c.State = State(st)
	return c, err
}

// supCaseByNo finds a case by its 案号 inside scope (a unit path prefix).
func supCaseByNo(ctx context.Context, q store.Querier, scope, caseNo string) (CaseRef, error) {
	caseNo = strings.TrimSpace(caseNo)
	if caseNo == "" {
		return CaseRef{}, invalid("请填写案号")
	}
	c, err := scanCaseRef(q.QueryRowContext(ctx, caseRefSelect+`WHERE c.case_no = ?`, caseNo))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !strings.HasPrefix(c.UnitPath, scope)) {
		return CaseRef{}, notFound("案号“%s”的案件不存在或不在您的数据范围内", caseNo)
	}
	return c, err
}

// supUnit returns a unit's name and path, refusing units outside scope.
func supUnit(ctx context.Context, q store.Querier, scope string, id int64) (name, path string, err error) {
	err = q.QueryRowContext(ctx, `SELECT name, path FROM units WHERE id = ?`, id).Scan(&name, &path)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !strings.HasPrefix(path, scope)) {
		return "", "", notFound("单位不存在或不在您的数据范围内")
	}
	return name, path, err
}

// supActor is the acting user's id and the name stored with what they did.
func supActor(ctx context.Context, q store.Querier) (int64, string) {
	a := audit.ActorFrom(ctx)
	name := a.Username
	if a.UserID != 0 {
		var display string
		if err := q.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = ?`, a.UserID).Scan(&display); err == nil && display != "" {
			name = display
		}
	}
	if name == "" {
		name = "系统"
	}
	return a.UserID, name
}

// supDate checks an ISO date field: required, real, not after today.
func (s *Service) supDate(field, v string) (calendar.Date, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return calendar.Date{}, invalid("请填写%s", field)
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		return calendar.Date{}, invalid("%s“%s”不是有效日期（格式如 2026-03-02）", field, v)
	}
	if d.After(s.todayDate()) {
		return calendar.Date{}, invalid("%s不能晚于今天", field)
	}
	return d, nil
}

// today is the current date in China.
func (s *Service) todayDate() calendar.Date { return calendar.DateOf(s.Now().In(supCST)) }

var supCST = time.FixedZone("CST", 8*3600)

// supText trims a text field and checks its length (required: not empty).
func supText(field, v string, required bool, max int) (string, error) {
	v = strings.TrimSpace(v)
	if required && v == "" {
		return "", invalid("请填写%s", field)
	}
	if utf8.RuneCountInString(v) > max {
		return "", invalid("%s不能超过%d字", field, max)
	}
	return v, nil
}

func supID(id int64) string { return strconv.FormatInt(id, 10) }

func supNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
