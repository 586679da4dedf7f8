package web

import (
	"embed"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"net/url"
)

//go:embed static
var staticFS embed.FS

var staticSub, _ = fs.Sub(staticFS, "static")

// handleStatic serves the embedded CSS, scripts and vendored libraries.
// File names carry versions, so they may be cached for long.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	if name == "" || strings.HasSuffix(name, "/") {
		s.renderError(w, r, httpx.ErrNotFound)
		return
	}
	if _, err := fs.Stat(staticSub, name); err != nil {
		s.renderError(w, r, httpx.ErrNotFound)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeFileFS(w, r, staticSub, name)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := s.DB.R.PingContext(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok " + s.Version + "\n"))
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, httpx.ErrNotFound)
}

func urlQueryEscape(v string) string { return url.QueryEscape(v) }

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, httpx.ErrNotFound
	}
	return id, nil
}
