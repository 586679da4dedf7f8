package web

import (
	"bytes"
	"net/http"

	"fazhi/internal/indicator"
	"fazhi/internal/xlsx"
)

// handleIndicatorExport downloads the tree in the import layout.
func (s *Server) handleIndicatorExport(w http.ResponseWriter, r *http.Request) {
	nodes, err := s.Indicator.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, indicator.Table(nodes)); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "指标体系.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
