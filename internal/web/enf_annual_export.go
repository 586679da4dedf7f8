package web

import (
	"bytes"
	"net/http"
	"strconv"
)

// handleEnfAnnualExport downloads the 统计年报 in the layout of the usual
// yearly statistics tables (title, 填报单位, two header rows, 合计 and 小计).
func (s *Server) handleEnfAnnualExport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.enfAnnualReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := rep.WriteSheet(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "行政执法统计年报-"+strconv.Itoa(rep.Year)+".xlsx", enfSupXLSX, buf.Bytes())
}
