// Package bench measures fazhi end to end on this machine: the logged-in home
// page and an API list against a bare handler serving the same bytes from
// memory, and audited writes against plain inserts. `fazhi bench` prints the
// figures that docs/BENCHMARKS.md records.
package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"fazhi/internal/app"
	"fazhi/internal/audit"
	"fazhi/internal/demo"
	"fazhi/internal/store"
)

// Options set the load.
type Options struct {
	Duration    time.Duration // per HTTP measurement
	Concurrency int
	Writes      int // per write measurement
}

// HTTPResult is one load run.
type HTTPResult struct {
	Name     string
	Requests int
	RPS      float64
	P50, P99 time.Duration
	Bytes    int
}

// WriteResult is one write run.
type WriteResult struct {
	Name      string
	Writes    int
	PerSecond float64
}

// Report is everything one run measured.
type Report struct {
	When    time.Time
	Machine string
	HTTP    []HTTPResult
	Writes  []WriteResult
}

// Run seeds a demo database in a temporary directory and measures it.
func Run(ctx context.Context, o Options, log io.Writer) (Report, error) {
	rep := Report{When: time.Now(), Machine: fmt.Sprintf("%s/%s, %d CPU, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())}
	dir, err := os.MkdirTemp("", "fazhi-bench-")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "bench.db"), filepath.Join(dir, "data")
	_ = os.MkdirAll(cfg.DataDir, 0o750)
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		return rep, err
	}
	defer a.Close()
	fmt.Fprintln(log, "seeding the demo county …")
	seeder := &demo.Seeder{DB: a.DB, Org: a.Org, Auth: a.Auth}
	if _, err := seeder.Run(ctx); err != nil {
		return rep, err
	}
	if err := seeder.Deadlines(ctx, a.Deadlines); err != nil {
		return rep, err
	}
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	if err := measureHTTP(ctx, a, srv.URL, o, &rep, log); err != nil {
		return rep, err
	}
	return rep, measureWrites(ctx, a, o, &rep, log)
}

func measureHTTP(ctx context.Context, a *app.App, base string, o Options, rep *Report, log io.Writer) error {
	jar, err := login(base, "fazhiban")
	if err != nil {
		return err
	}
	u, err := a.Auth.GetByUsername(ctx, "fazhiban")
	if err != nil {
		return err
	}
	token, _, err := a.Auth.CreateToken(ctx, u.ID, "bench", time.Hour)
	if err != nil {
		return err
	}
	apiPath := "/api/v1/units?per_page=50"
	apiBody, err := fetch(base+apiPath, nil, token)
	if err != nil {
		return err
	}
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(apiBody)
	}))
	defer bare.Close()
	runs := []struct {
		name, url, token string
		jar              http.CookieJar
	}{
		{"home page (logged in, 法治办)", base + "/", "", jar},
		{"API list /api/v1/units (token)", base + apiPath, token, nil},
		{"bare net/http handler, same bytes", bare.URL + "/", "", nil},
	}
	for _, r := range runs {
		fmt.Fprintf(log, "load: %s …\n", r.name)
		res, err := load(r.name, r.url, r.token, r.jar, o)
		if err != nil {
			return err
		}
		rep.HTTP = append(rep.HTTP, res)
	}
	return nil
}

var csrfRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func login(base, user string) (http.CookieJar, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/login")
	if err != nil {
		return nil, err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRe.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("no login form")
	}
	form := url.Values{"csrf_token": {string(m[1])}, "username": {user}, "password": {demo.Password}}
	resp, err = c.PostForm(base+"/login", form)
	if err != nil {
		return nil, err
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "工作台") {
		return nil, fmt.Errorf("login as %s failed", user)
	}
	return jar, nil
}

func fetch(u string, jar http.CookieJar, token string) ([]byte, error) {
	req, _ := http.NewRequest("GET", u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := (&http.Client{Jar: jar}).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

// load runs o.Concurrency clients against u for o.Duration.
func load(name, u, token string, jar http.CookieJar, o Options) (HTTPResult, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: o.Concurrency * 2}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Jar: jar}
	deadline := time.Now().Add(o.Duration)
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	size := 0
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < o.Concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				t0 := time.Now()
				req, _ := http.NewRequest("GET", u, nil)
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				resp, err := client.Do(req)
				if err == nil {
					var n int64
					n, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("%s: status %d", name, resp.StatusCode)
					}
					size = int(n)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return HTTPResult{}, firstErr
	}
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	return HTTPResult{Name: name, Requests: len(lat), RPS: float64(len(lat)) / elapsed.Seconds(), P50: pct(0.50),
		P99: pct(0.99), Bytes: size}, nil
}

// measureWrites compares a reminder insert with and without its audit record,
// each in its own transaction, as a service writes them.
func measureWrites(ctx context.Context, a *app.App, o Options, rep *Report, log io.Writer) error {
	ctx = audit.WithActor(ctx, audit.Actor{UserID: 1, Username: "bench", UnitID: 1, IP: "127.0.0.1"})
	insert := func(tx *store.Tx, i int) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reminders (unit_id, title, created_at) VALUES (?, ?, ?)`,
			1, fmt.Sprintf("bench %d", i), time.Now().UTC())
		return err
	}
	runs := []struct {
		name  string
		write func(tx *store.Tx, i int) error
	}{
		{"plain insert (one row per transaction)", insert},
		{"audited insert (row + hash-chained audit record)", func(tx *store.Tx, i int) error {
			if err := insert(tx, i); err != nil {
				return err
			}
			return a.Audit.Record(ctx, tx, audit.Entry{Action: "bench.write", ObjectType: "reminder", ObjectID: fmt.Sprint(i),
				Summary: "基准测试写入", Changes: []audit.Change{{Field: "title", After: fmt.Sprintf("bench %d", i)}}})
		}},
	}
	// Interleave the two kinds in rounds so that WAL growth and checkpoints
	// fall on both alike rather than on whichever runs second.
	const rounds = 10
	spent := make([]time.Duration, len(runs))
	fmt.Fprintf(log, "writes: %d rounds of %d each …\n", rounds, o.Writes/rounds)
	i := 0
	for round := 0; round < rounds; round++ {
		for k, r := range runs {
			start := time.Now()
			for n := 0; n < o.Writes/rounds; n++ {
				i++
				if err := a.DB.InTx(ctx, func(tx *store.Tx) error { return r.write(tx, i) }); err != nil {
					return err
				}
			}
			spent[k] += time.Since(start)
		}
	}
	for k, r := range runs {
		n := o.Writes / rounds * rounds
		rep.Writes = append(rep.Writes, WriteResult{Name: r.name, Writes: n, PerSecond: float64(n) / spent[k].Seconds()})
	}
	return nil
}
