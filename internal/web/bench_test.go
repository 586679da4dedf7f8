package web_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkAPIUnits serves the API unit list in-process (no network), for
// profiling the handler path: token auth, scope, query, JSON.
func BenchmarkAPIUnits(b *testing.B) {
	t := &testing.T{}
	f := getFixture(t)
	u, _ := f.app.Auth.GetByUsername(b.Context(), "fazhiban")
	tok, _, _ := f.app.Auth.CreateToken(b.Context(), u.ID, "bench", time.Hour)
	h := f.app.Handler()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/api/v1/units?per_page=50", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkHome serves the logged-in home page in-process.
func BenchmarkHome(b *testing.B) {
	t := &testing.T{}
	f := getFixture(t)
	c := f.as(t, "fazhiban")
	req0, _ := http.NewRequest("GET", f.srv.URL+"/", nil)
	cookies := c.http.Jar.Cookies(req0.URL)
	h := f.app.Handler()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/", nil)
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
