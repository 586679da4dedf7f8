package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"fazhi/internal/httpx"
	"fazhi/internal/org"
	"fazhi/internal/xlsx"
)

func (s *Server) handleUnitsExport(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	units, err := s.Org.List(r.Context(), org.ListFilter{RootID: u.ScopeUnitID, Status: unitStatusFilter(r)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, un := range units {
		names[un.ID] = un.Name
	}
	t := xlsx.Table{Sheet: "单位", Headers: []string{"编号", "单位名称", "简称", "层级", "主体类型", "统一社会信用代码",
		"行政区划代码", "上级单位", "状态", "别名"}, Widths: []float64{8, 36, 16, 10, 18, 22, 14, 30, 10, 30}}
	for _, un := range units {
		t.Rows = append(t.Rows, []any{un.ID, un.Name, un.ShortName, un.Level.Label(), un.OrgType.Label(), un.CreditCode,
			un.RegionCode, names[un.ParentID], un.StatusLabel(), strings.Join(un.Aliases, "、")})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "单位列表-"+time.Now().In(cst).Format("20060102")+".xlsx",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
