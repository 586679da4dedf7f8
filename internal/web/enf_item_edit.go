package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// enfItemForm is the item form as typed: amounts stay text so a refused
// form comes back as the user wrote it.
type enfItemForm struct {
	enforcement.ItemInput
	Rows []enfDiscRow
}

type enfDiscRow struct {
	Circumstance, Level, Min, Max, Other, Kind string
}

type enfItemEditData struct {
	List       enforcement.List
	Form       enfItemForm
	Action     string
	Categories []enforcement.Category
	Levels     []enforcement.Level
	Kinds      []string
}

// enfBlankRows is how many empty 裁量基准 rows the form offers.
const enfBlankRows = 2

func enfItemFormOf(it enforcement.Item) enfItemForm {
	f := enfItemForm{ItemInput: enforcement.ItemInputOf(it)}
	f.Discretion = nil
	for _, d := range it.Discretion {
		f.Rows = append(f.Rows, enfDiscRow{Circumstance: d.Circumstance, Level: string(d.Level),
			Min: enforcement.YuanText(d.MinFen), Max: enforcement.YuanText(d.MaxFen), Other: d.Other, Kind: d.ListKind})
	}
	return f
}

// enfItemFormFrom reads the posted form; the 裁量基准 rows come as parallel
// arrays, fully blank rows are dropped.
func enfItemFormFrom(r *http.Request) enfItemForm {
	_ = r.ParseForm()
	sort, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("sort_order")))
	f := enfItemForm{ItemInput: enforcement.ItemInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
		Category: enforcement.Category(r.PostFormValue("category")), Law: r.PostFormValue("law"),
		Article: r.PostFormValue("article"), BasisText: r.PostFormValue("basis_text"), Major: enfFormBool(r, "major"),
		Hearing: enfFormBool(r, "hearing"), Collective: enfFormBool(r, "collective"), SortOrder: sort}}
	col := func(name string, i int) string {
		if v := r.PostForm[name]; i < len(v) {
			return strings.TrimSpace(v[i])
		}
		return ""
	}
	for i := range r.PostForm["d_circumstance"] {
		row := enfDiscRow{Circumstance: col("d_circumstance", i), Level: col("d_level", i), Min: col("d_min", i),
			Max: col("d_max", i), Other: col("d_other", i), Kind: col("d_kind", i)}
		if row.Circumstance+row.Min+row.Max+row.Other == "" {
			continue
		}
		f.Rows = append(f.Rows, row)
	}
	return f
}

// input converts the typed rows; an amount that does not read is refused
// naming its row.
func (f enfItemForm) input() (enforcement.ItemInput, error) {
	in := f.ItemInput
	in.Discretion = nil
	for i, row := range f.Rows {
		d := enforcement.DiscretionInput{Circumstance: row.Circumstance, Level: enforcement.Level(row.Level),
			Other: row.Other, ListKind: row.Kind}
		var err error
		if d.MinFen, err = enforcement.ParseYuan(row.Min); err != nil {
			return in, httpx.Invalid(fmt.Sprintf("裁量基准第%d行罚款下限：%s", i+1, err.Error()))
		}
		if d.MaxFen, err = enforcement.ParseYuan(row.Max); err != nil {
			return in, httpx.Invalid(fmt.Sprintf("裁量基准第%d行罚款上限：%s", i+1, err.Error()))
		}
		in.Discretion = append(in.Discretion, d)
	}
	return in, nil
}

func (s *Server) enfItemPage(w http.ResponseWriter, r *http.Request, status int, l enforcement.List, f enfItemForm,
	action string, ae *httpx.AppError) {
	for range enfBlankRows {
		f.Rows = append(f.Rows, enfDiscRow{Level: string(enforcement.LevelGeneral)})
	}
	title := "新增执法事项"
	if f.ID != 0 {
		title = "修改执法事项 " + f.Code
	}
	v := s.view(r, title, enfItemEditData{List: l, Form: f, Action: action, Categories: enforcement.Categories,
		Levels: enforcement.Levels, Kinds: []string{"", enforcement.ListKindExempt, enforcement.ListKindLenient}})
	if ae != nil {
		v.Error = ae.Message
	}
	s.render(w, status, "enf_item_edit", v)
}

// handleEnfItemNew shows the form for a new item of a draft.
func (s *Server) handleEnfItemNew(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	if l.Status != enforcement.ListDraft {
		s.fail(w, r, &httpx.AppError{Status: http.StatusConflict, Code: "conflict", Message: "只能在草稿中新增事项"})
		return
	}
	f := enfItemForm{ItemInput: enforcement.ItemInput{Category: enforcement.CatPenalty, SortOrder: (l.Items + 1) * 10}}
	s.enfItemPage(w, r, http.StatusOK, l, f, "/enforcement/lists/"+itoa(l.ID)+"/items", nil)
}

// handleEnfItemCreate adds an item to a draft; "more" only adds a blank
// 裁量基准 row to the form.
func (s *Server) handleEnfItemCreate(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	s.enfItemSave(w, r, l, enfItemFormFrom(r), "/enforcement/lists/"+itoa(l.ID)+"/items")
}

func (s *Server) enfItemSave(w http.ResponseWriter, r *http.Request, l enforcement.List, f enfItemForm, action string) {
	if r.PostFormValue("more") != "" {
		s.enfItemPage(w, r, http.StatusOK, l, f, action, nil)
		return
	}
	in, err := f.input()
	if err == nil {
		_, err = s.Enforcement.SaveItem(r.Context(), l.ID, in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfItemPage(w, r, ae.Status, l, f, action, ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/lists/"+itoa(l.ID)+"#item-"+urlQueryEscape(in.Code), "事项 "+strings.TrimSpace(in.Code)+" 已保存")
}

// enfItemInScope loads the item of the path and its version, in scope.
func (s *Server) enfItemInScope(w http.ResponseWriter, r *http.Request) (enforcement.Item, enforcement.List, bool) {
	id, err := pathID(r)
	var it enforcement.Item
	var l enforcement.List
	if err == nil {
		it, err = s.Enforcement.Item(r.Context(), id)
	}
	if err == nil {
		l, err = s.Enforcement.ListVersion(r.Context(), it.ListID)
	}
	if err == nil {
		err = enfInScope(r, l.UnitPath, l.UnitName)
	}
	if err != nil {
		s.fail(w, r, err)
		return it, l, false
	}
	return it, l, true
}

// handleEnfItemEdit shows an item of a draft for editing.
func (s *Server) handleEnfItemEdit(w http.ResponseWriter, r *http.Request) {
	it, l, ok := s.enfItemInScope(w, r)
	if !ok {
		return
	}
	if l.Status != enforcement.ListDraft {
		s.fail(w, r, &httpx.AppError{Status: http.StatusConflict, Code: "conflict",
			Message: "第" + itoa(l.Version) + "版不是草稿，不能修改；请在权责清单页新建草稿"})
		return
	}
	s.enfItemPage(w, r, http.StatusOK, l, enfItemFormOf(it), "/enforcement/items/"+itoa(it.ID), nil)
}

// handleEnfItemUpdate saves an item of a draft with its 裁量基准 rows.
func (s *Server) handleEnfItemUpdate(w http.ResponseWriter, r *http.Request) {
	it, l, ok := s.enfItemInScope(w, r)
	if !ok {
		return
	}
	f := enfItemFormFrom(r)
	f.ID = it.ID
	s.enfItemSave(w, r, l, f, "/enforcement/items/"+itoa(it.ID))
}

// handleEnfItemDelete removes an item from a draft.
func (s *Server) handleEnfItemDelete(w http.ResponseWriter, r *http.Request) {
	it, l, ok := s.enfItemInScope(w, r)
	if !ok {
		return
	}
	if err := s.Enforcement.DeleteItem(r.Context(), it.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/lists/"+itoa(l.ID), "事项 "+it.Code+" 已从草稿中删除")
}
