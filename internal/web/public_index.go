package web

import "net/http"

// publicSection is one entry of the public portal's menu.
type publicSection struct {
	Label, Href, Help string
}

// publicSections are the portal's parts; each capability's public pages are
// listed here once.
var publicSections = []publicSection{
	{Label: "行政执法公示", Href: "/public/enforcement", Help: "执法主体、执法人员、执法事项与裁量基准、执法决定"},
	{Label: "法治政府建设年度报告", Href: "/public/reports", Help: "各级政府及部门法治政府建设情况年度报告"},
}

// handlePublicIndex is the public portal's start page (no login).
func (s *Server) handlePublicIndex(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "public_index", s.view(r, "政务公开", nil))
}
