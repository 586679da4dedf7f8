package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/plan"
)

type planImportData struct {
	Text string
}

func (s *Server) handlePlanImportForm(w http.ResponseWriter, r *http.Request) {
	s.planImportPage(w, r, http.StatusOK, "", "")
}

func (s *Server) planImportPage(w http.ResponseWriter, r *http.Request, status int, errMsg, text string) {
	v := s.view(r, "导入方案", planImportData{Text: text})
	v.Error = errMsg
	s.render(w, status, "plan_import", v)
}

// handlePlanImport parses an uploaded or pasted plan into a draft and sends
// the browser to its review page. Nothing becomes a plan until confirmed.
func (s *Server) handlePlanImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxPlanUpload+1<<20)
	up, err := planUpload(r)
	if err != nil {
		ae := httpx.Classify(err)
		s.planImportPage(w, r, ae.Status, ae.Message, "")
		return
	}
	id, err := s.Plans.CreateDraft(r.Context(), up)
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		text := ""
		if up.Name == "" {
			text = string(up.Data)
		}
		s.planImportPage(w, r, ae.Status, ae.Message, text)
		return
	}
	http.Redirect(w, r, "/plans/drafts/"+itoa(id)+"/review", http.StatusSeeOther)
}

// planUpload reads the file field, or else the pasted text.
func planUpload(r *http.Request) (plan.Upload, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return plan.Upload{}, &httpx.AppError{Status: http.StatusRequestEntityTooLarge, Code: "invalid",
					Message: "文件超过 20 MB，请确认上传的是方案正文"}
			}
			return plan.Upload{}, httpx.Invalid("上传内容无法读取，请重新选择文件")
		}
		if f, hdr, err := r.FormFile("file"); err == nil {
			defer f.Close()
			data, err := io.ReadAll(f)
			if err != nil {
				return plan.Upload{}, httpx.Invalid("上传内容无法读取，请重新选择文件")
			}
			return plan.Upload{Name: hdr.Filename, Data: data}, nil
		}
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	if text == "" {
		return plan.Upload{}, httpx.Invalid("请选择方案文件（DOCX 或 TXT），或在下方粘贴方案全文")
	}
	return plan.Upload{Data: []byte(text)}, nil
}
