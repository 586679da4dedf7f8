package web

import (
	"bytes"
	"net/http"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

func (s *Server) handleUsersExport(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	users, _, err := s.Auth.List(r.Context(), auth.ListFilter{ScopePath: u.ScopePath, Query: r.URL.Query().Get("q")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.Auth.Now()
	t := xlsx.Table{Sheet: "账号", Headers: []string{"用户名", "姓名", "单位", "数据范围", "角色", "状态", "上次登录"},
		Widths: []float64{18, 10, 30, 30, 30, 12, 20}}
	for _, x := range users {
		status := "正常"
		switch {
		case !x.Active:
			status = "已停用"
		case x.Locked(now):
			status = "已锁定"
		case x.MustChange:
			status = "待改密"
		}
		t.Rows = append(t.Rows, []any{x.Username, x.DisplayName, x.UnitName, x.ScopeName, x.RoleLabels(), status, x.LastLoginAt})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "账号列表-"+time.Now().In(cst).Format("20060102")+".xlsx",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
