package bench

import (
	"context"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// OpenLoopResult is one constant-rate run. Latency is measured from the
// moment each request was due, not from when it was sent, so a stalled
// server shows up in the tail instead of slowing the load down (the
// coordinated-omission error of closed-loop tools).
type OpenLoopResult struct {
	Rate               float64 // requests per second asked for
	Achieved           float64 // completed per second
	Sent, OK, Errors   int
	P50, P95, P99, Max time.Duration
	Duration           time.Duration
	StatusCodes        map[int]int
}

// OpenLoop sends GET requests to url(i) at a constant rate for d, each on
// its own goroutine, and reports the latency distribution.
func OpenLoop(ctx context.Context, rate int, d time.Duration, url func(i int) string) OpenLoopResult {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 4096, MaxIdleConnsPerHost: 4096, IdleConnTimeout: time.Minute}}
	n := int(float64(rate) * d.Seconds())
	interval := time.Second / time.Duration(rate)
	lat := make([]time.Duration, n)
	codes := make([]int, n)
	// The URLs are drawn before the clock starts: the generator shares the
	// cores with the server, and its own work should stay off the run.
	urls := make([]string, n)
	for i := range urls {
		urls[i] = url(i)
	}
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		due := start.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			select {
			case <-ctx.Done():
				n = i
			case <-time.After(wait):
			}
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func(i int, due time.Time) {
			defer wg.Done()
			resp, err := client.Get(urls[i])
			if err != nil {
				codes[i], lat[i] = -1, time.Since(due)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			codes[i], lat[i] = resp.StatusCode, time.Since(due)
		}(i, due)
	}
	wg.Wait()
	total := time.Since(start)
	res := OpenLoopResult{Rate: float64(rate), Sent: n, Duration: total, StatusCodes: map[int]int{}}
	var ok []time.Duration
	for i := 0; i < n; i++ {
		res.StatusCodes[codes[i]]++
		if codes[i] == http.StatusOK {
			res.OK++
			ok = append(ok, lat[i])
		} else {
			res.Errors++
		}
	}
	res.Achieved = float64(res.OK) / total.Seconds()
	if len(ok) > 0 {
		sort.Slice(ok, func(a, b int) bool { return ok[a] < ok[b] })
		pct := func(p float64) time.Duration { return ok[min(len(ok)-1, int(p*float64(len(ok))))] }
		res.P50, res.P95, res.P99, res.Max = pct(0.50), pct(0.95), pct(0.99), ok[len(ok)-1]
	}
	return res
}
