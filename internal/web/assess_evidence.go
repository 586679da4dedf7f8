package web

import (
	"errors"
	"net/http"
	"strings"

	"fazhi/internal/attach"
	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
)

// handleAssessEvidence stores one evidence file (佐证材料) of a unit for one
// leaf indicator of a round, as an attachment of object type "assessment".
func (s *Server) handleAssessEvidence(w http.ResponseWriter, r *http.Request) {
	if s.Attach == nil {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.attachLimit()+1<<20)
	round, unitID, err := s.assessTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if round.Status != "open" {
		s.fail(w, r, httpx.Invalid("本轮考核已结束，不能再上传佐证材料"))
		return
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, &httpx.AppError{Status: http.StatusRequestEntityTooLarge, Code: "invalid",
				Message: "文件超过大小上限 " + attach.FormatSize(s.attachLimit())})
			return
		}
		s.fail(w, r, httpx.Invalid("请选择要上传的佐证材料"))
		return
	}
	defer file.Close()
	code := strings.TrimSpace(r.PostFormValue("code"))
	items, err := s.Indicator.Items(r.Context(), round.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var item *indicator.Node
	for i := range items {
		if items[i].Code == code && items[i].Leaf {
			item = &items[i]
		}
	}
	if item == nil {
		s.fail(w, r, httpx.Invalid("请选择佐证材料对应的指标"))
		return
	}
	a, err := s.Attach.Save(r.Context(), file, attach.Meta{Filename: hdr.Filename, UnitID: unitID, ObjectType: "assessment",
		ObjectID: indicator.EvidenceObject(round.ID, unitID, code), Note: round.Title + " " + item.Code + " " + item.Name})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, assessUnitPath(round.ID, unitID), "已上传指标 "+code+" 的佐证材料“"+a.Filename+"”")
}
