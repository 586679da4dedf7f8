package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/attach"
	"fazhi/internal/docgen"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handleCaseDocIssue issues (numbers and keeps) a 文书 of the case.
func (s *Server) handleCaseDocIssue(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	d, err := s.Enforcement.IssueDocument(r.Context(), c.ID, enforcement.DocKind(r.PostFormValue("kind")))
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.casePage(w, r, ae.Status, c, enforcement.StepInput{}, "", ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/cases/"+itoa(c.ID)+"#documents", "已出具《"+d.Kind.Title()+"》"+d.DocNo)
}

// handleCaseDocDownload sends an issued 文书: the kept PDF, or the same
// document as DOCX (?format=docx), rendered from the case data.
func (s *Server) handleCaseDocDownload(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	docID, _ := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	docs, err := s.Enforcement.Documents(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, d := range docs {
		if d.ID != docID {
			continue
		}
		name := d.Kind.Title() + "-" + d.DocNo
		if r.URL.Query().Get("format") == "docx" {
			doc, err := s.Enforcement.RenderDocument(r.Context(), c.ID, d)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			var buf bytes.Buffer
			if err := docgen.WriteDOCX(&buf, doc); err != nil {
				s.fail(w, r, err)
				return
			}
			sendFile(w, name+".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buf.Bytes())
			return
		}
		http.Redirect(w, r, "/attachments/"+itoa(d.AttachmentID), http.StatusSeeOther)
		return
	}
	s.fail(w, r, httpx.ErrNotFound)
}

// handleCaseFile sends the 案卷 as one PDF with a table of contents.
func (s *Server) handleCaseFile(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := s.Enforcement.WriteCaseFile(r.Context(), c.ID, &buf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "案卷-"+c.CaseNo+".pdf", "application/pdf", buf.Bytes())
}

// handleCaseEvidence uploads one evidence file with its capture metadata.
func (s *Server) handleCaseEvidence(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.attachLimit()+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		msg := "请选择要上传的证据文件"
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			msg = "文件超过大小上限 " + attach.FormatSize(s.attachLimit())
		}
		s.casePage(w, r, http.StatusBadRequest, c, enforcement.StepInput{}, "", msg)
		return
	}
	defer file.Close()
	in := enforcement.EvidenceInput{Kind: r.PostFormValue("kind"), Step: r.PostFormValue("step_label"),
		CapturedAt: strings.TrimSpace(r.PostFormValue("captured_at")), CapturedBy: r.PostFormValue("captured_by"),
		Place: r.PostFormValue("place"), Device: r.PostFormValue("device"), Note: r.PostFormValue("note")}
	if _, err := s.Enforcement.AddEvidence(r.Context(), c.ID, hdr.Filename, file, in); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.casePage(w, r, ae.Status, c, enforcement.StepInput{}, "", ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/cases/"+itoa(c.ID)+"#evidence", "证据已上传")
}
