package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
)

// handleLedgerSave saves a unit's yearly figures: all or nothing. A refused
// value redisplays the form with the user's input and the field's error.
func (s *Server) handleLedgerSave(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("year") == "" {
		s.fail(w, r, httpx.Invalid("请选择年度"))
		return
	}
	year, err := s.ledgerYear(r.PostFormValue("year"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	unitID := httpx.User(r).UnitID
	if v := r.PostFormValue("unit"); v != "" {
		if unitID, err = strconv.ParseInt(v, 10, 64); err != nil {
			s.fail(w, r, httpx.Invalid("单位参数不正确"))
			return
		}
	}
	if err := s.checkUnitInScope(r, unitID); err != nil {
		s.fail(w, r, err)
		return
	}
	in := ledgerInput{Values: map[string]string{}, Notes: map[string]string{}}
	for _, f := range ledger.Entered() {
		if vals, ok := r.PostForm["v_"+f.Key]; ok && len(vals) > 0 {
			in.Values[f.Key] = strings.TrimSpace(vals[0])
		}
		if notes, ok := r.PostForm["n_"+f.Key]; ok && len(notes) > 0 {
			in.Notes[f.Key] = strings.TrimSpace(notes[0])
		}
	}
	err = s.Ledger.Save(r.Context(), unitID, year, in.Values, in.Notes)
	var ve *ledger.ValidationError
	if errors.As(err, &ve) {
		sh, gerr := s.Ledger.Get(r.Context(), unitID, year)
		if gerr != nil {
			s.fail(w, r, gerr)
			return
		}
		in.Sheet = sh
		s.ledgerFormPage(w, r, http.StatusBadRequest, unitID, year, in, ve.ByKey())
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/ledger?year="+itoa(year)+"&unit="+itoa(unitID), "台账已保存")
}
