package web

import (
	"net/http/httptest"
	"testing"
)

func TestFlashRedirectKeepsFragmentLast(t *testing.T) {
	cases := map[string]string{
		"/tasks/3#report-7":      "/tasks/3?ok=%E5%A5%BD#report-7",
		"/tasks?plan=1#report-7": "/tasks?plan=1&ok=%E5%A5%BD#report-7",
		"/tasks":                 "/tasks?ok=%E5%A5%BD",
	}
	for target, want := range cases {
		w := httptest.NewRecorder()
		flashRedirect(w, httptest.NewRequest("POST", "/x", nil), target, "好")
		if got := w.Header().Get("Location"); got != want {
			t.Errorf("%s: Location %q, want %q", target, got, want)
		}
	}
}
