package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestJobStartAndPoll(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "fazhiban")
	c.get("/jobs")
	resp, _ := c.post("/jobs", url.Values{"kind": {"attach.verify_all"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/jobs/") {
		t.Fatalf("start: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	loc := resp.Header.Get("Location")
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := c.get(loc + "?fragment=1")
		if strings.Contains(body, "<html") {
			t.Fatal("fragment returned a whole page")
		}
		if strings.Contains(body, "已完成") {
			if !strings.Contains(body, "SHA-256 一致") || strings.Contains(body, "hx-trigger") {
				t.Fatalf("finished job block: %s", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job not finished: %s", body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The job belongs to the county scope: a bureau's 法制员 does not see it.
	if resp, _ := f.as(t, "legal.scjgj").get(loc); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("out-of-scope job: %d", resp.StatusCode)
	}
	if resp, _ := c.post("/jobs", url.Values{"kind": {"rm -rf"}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown kind: %d", resp.StatusCode)
	}
}

// TestBrowserJobProgressUpdatesLive starts a job in Chromium and waits for the
// status on the page to change without a reload (htmx polling under the CSP).
func TestBrowserJobProgressUpdatesLive(t *testing.T) {
	f := getFixture(t)
	ctx := browser(t)
	loginInBrowser(t, ctx, f.srv.URL, "fazhiban")
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(tctx,
		chromedp.Navigate(f.srv.URL+"/jobs"),
		chromedp.Click(chromedp.ID("job-start")),
		chromedp.WaitVisible(chromedp.ID("job-state")),
	)
	if err != nil {
		t.Fatal(err)
	}
	for {
		state, err := chromedp.Run(tctx, chromedp.Text(chromedp.ID("job-state")))
		if err != nil {
			t.Fatal(err)
		}
		if state == "已完成" {
			break
		}
		if tctx.Err() != nil {
			t.Fatalf("job state stuck at %q", state)
		}
		time.Sleep(200 * time.Millisecond)
	}
	screenshot(t, ctx, "job-done")
}
