package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/xlsx"
)

// auditExportMax bounds one export; narrow the filter for more.
const auditExportMax = 100000

func (s *Server) handleAuditExport(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = auditExportMax
	rows, total, err := audit.Search(r.Context(), s.DB, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "审计日志", Title: "审计日志导出（共 " + itoa(total) + " 条，导出时间 " + time.Now().In(cst).Format("2006-01-02 15:04") + "）",
		Headers: []string{"序号", "时间", "用户", "单位编号", "IP地址", "操作", "对象类型", "对象", "摘要", "变更", "算法", "哈希"},
		Widths:  []float64{8, 20, 14, 10, 16, 18, 12, 14, 30, 50, 8, 66}}
	for _, row := range rows {
		var ch []string
		for _, c := range audit.ParseChanges(row.Changes) {
			ch = append(ch, c.Field+"："+c.Before+" → "+c.After)
		}
		t.Rows = append(t.Rows, []any{row.Seq, row.At, row.Username, row.UnitID, row.IP, audit.ActionLabel(row.Action),
			row.ObjectType, row.ObjectID, row.Summary, strings.Join(ch, "；"), row.Algo, row.Hash})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	// The export itself is an auditable event.
	err = s.Audit.RecordAlone(r.Context(), s.DB, audit.Entry{Action: audit.ActionExport, ObjectType: "audit_log",
		Summary: "导出审计日志 " + itoa(len(rows)) + " 条"})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "审计日志-"+time.Now().In(cst).Format("20060102-1504")+".xlsx",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
