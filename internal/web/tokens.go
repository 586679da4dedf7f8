package web

import (
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/httpx"
)

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, status int, secret, errMsg string) {
	u := httpx.User(r)
	ts, err := s.Auth.Tokens(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "API令牌", map[string]any{"Tokens": ts, "Secret": secret})
	v.Error = errMsg
	s.render(w, status, "tokens", v)
}

func (s *Server) handleTokens(w http.ResponseWriter, r *http.Request) {
	s.tokensPage(w, r, http.StatusOK, "", "")
}

func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	days, _ := strconv.Atoi(r.PostFormValue("days"))
	if days < 0 || days > 366 {
		s.tokensPage(w, r, http.StatusBadRequest, "", "有效期应为 1 至 366 天，或留空表示长期有效")
		return
	}
	secret, _, err := s.Auth.CreateToken(r.Context(), httpx.User(r).ID, r.PostFormValue("name"), time.Duration(days)*24*time.Hour)
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		s.tokensPage(w, r, ae.Status, "", ae.Message)
		return
	}
	s.tokensPage(w, r, http.StatusOK, secret, "")
}

func (s *Server) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Auth.RevokeToken(r.Context(), httpx.User(r).ID, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/tokens", "令牌已吊销")
}
