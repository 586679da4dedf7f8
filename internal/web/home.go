package web

import (
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/remind"
)

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	rs, err := remind.Open(r.Context(), s.DB.Read(), u.ID, u.UnitID, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "home", s.view(r, "工作台", map[string]any{"Reminders": rs}))
}
