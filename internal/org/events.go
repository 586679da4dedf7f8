package org

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"fazhi/internal/store"
)

// EventKind names a structural change in a unit's history.
type EventKind string

const (
	EventCreate     EventKind = "create"
	EventRename     EventKind = "rename"
	EventUpdate     EventKind = "update" // other attributes changed
	EventMove       EventKind = "move"   // 调整隶属关系
	EventMerge      EventKind = "merge"  // 机构改革: merged into OtherUnit
	EventDeactivate EventKind = "deactivate"
	EventActivate   EventKind = "activate"
)

var eventNames = map[EventKind]string{
	EventCreate: "设立", EventRename: "更名", EventUpdate: "修改信息", EventMove: "调整隶属",
	EventMerge: "合并", EventDeactivate: "停用", EventActivate: "启用",
}

// Label is the kind's Chinese name.
func (k EventKind) Label() string {
	if s, ok := eventNames[k]; ok {
		return s
	}
	return string(k)
}

// Event is one row of a unit's structural history, with the names of the
// units it refers to for display.
type Event struct {
	ID             int64
	UnitID         int64
	UnitName       string // the unit's current name
	Kind           EventKind
	FromParent     int64
	FromParentName string
	ToParent       int64
	ToParentName   string
	OtherUnit      int64 // merge target
	OtherUnitName  string
	OldName        string
	NewName        string
	Note           string
	At             time.Time
	ByUser         int64
}

// Summary describes the event in one Chinese sentence.
func (e Event) Summary() string {
	var s string
	switch e.Kind {
	case EventCreate:
		s = "设立“" + e.NewName + "”"
		if e.ToParentName != "" {
			s += "，隶属“" + e.ToParentName + "”"
		}
	case EventRename:
		s = "“" + e.OldName + "”更名为“" + e.NewName + "”"
	case EventMove:
		s = "“" + e.UnitName + "”隶属关系由“" + orTop(e.FromParentName) + "”调整为“" + orTop(e.ToParentName) + "”"
	case EventMerge:
		s = "“" + e.UnitName + "”并入“" + e.OtherUnitName + "”"
	default:
		s = e.Kind.Label() + "“" + e.UnitName + "”"
	}
	if e.Note != "" {
		s += "（" + e.Note + "）"
	}
	return s
}

func orTop(name string) string {
	if name == "" {
		return "顶级"
	}
	return name
}

// listEvents loads the events of the given units, oldest first.
func listEvents(ctx context.Context, q store.Querier, ids []int64) ([]Event, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.unit_id, u.name, e.kind, e.from_parent, fp.name,
		e.to_parent, tp.name, e.other_unit, ou.name, e.old_name, e.new_name, e.note, e.at, e.by_user
		FROM unit_events e JOIN units u ON u.id = e.unit_id
		LEFT JOIN units fp ON fp.id = e.from_parent LEFT JOIN units tp ON tp.id = e.to_parent
		LEFT JOIN units ou ON ou.id = e.other_unit
		WHERE e.unit_id IN (`+store.Placeholders(len(ids))+`) ORDER BY e.at, e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("query unit events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var kind string
		var from, to, other, by sql.NullInt64
		var fromName, toName, otherName sql.NullString
		if err := rows.Scan(&e.ID, &e.UnitID, &e.UnitName, &kind, &from, &fromName, &to, &toName,
			&other, &otherName, &e.OldName, &e.NewName, &e.Note, &e.At, &by); err != nil {
			return nil, err
		}
		e.Kind, e.At = EventKind(kind), e.At.UTC()
		e.FromParent, e.ToParent, e.OtherUnit, e.ByUser = from.Int64, to.Int64, other.Int64, by.Int64
		e.FromParentName, e.ToParentName, e.OtherUnitName = fromName.String, toName.String, otherName.String
		out = append(out, e)
	}
	return out, rows.Err()
}
