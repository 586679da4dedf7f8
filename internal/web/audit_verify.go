package web

import (
	"net/http"

	"fazhi/internal/audit"
)

func (s *Server) handleAuditVerify(w http.ResponseWriter, r *http.Request) {
	res, err := audit.Verify(r.Context(), s.DB)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res.Broken != nil {
		s.Log.Error("audit chain broken", "seq", res.Broken.Seq)
		v := s.view(r, "审计日志", nil)
		v.Error = "审计日志完整性校验失败：第 " + itoa(res.Broken.Seq) + " 条记录被篡改、删除或乱序插入（" + res.Broken.Reason + "）"
		s.render(w, http.StatusOK, "audit_verify", v)
		return
	}
	flashRedirect(w, r, "/audit", "完整性校验通过：共 "+itoa(res.Rows)+" 条记录，哈希链完整")
}
