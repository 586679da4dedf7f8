package web

import (
	"bytes"
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/report"
)

// reportFormats are the export formats: file extension → MIME type.
var reportFormats = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"pdf":  "application/pdf",
}

// handleReportExport downloads the report's current text as a 公文 (GB/T
// 9704) DOCX or PDF: headings numbered, figures resolved, links dropped.
func (s *Server) handleReportExport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, ok := reportFormats[r.PathValue("format")]; !ok {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	full, err := s.Reports.Load(r.Context(), rep.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendReportDoc(w, r, full.Document(full.DocDate(s.Reports.Now().In(cst))))
}

// sendReportDoc writes doc in the format of the path, named by its title.
func (s *Server) sendReportDoc(w http.ResponseWriter, r *http.Request, doc report.PublicDoc) {
	format := r.PathValue("format")
	mime, ok := reportFormats[format]
	if !ok {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	var buf bytes.Buffer
	write := doc.WriteDOCX
	if format == "pdf" {
		write = doc.WritePDF
	}
	if err := write(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, doc.Title+"."+format, mime, buf.Bytes())
}
