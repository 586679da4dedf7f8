package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
	"fazhi/internal/web"
)

// keyFile is where a data key generated on first start is kept when
// FAZHI_DATA_KEY is not set (inside the data directory, mode 0600).
const keyFile = "data.key"

// wireEnforcement builds the enforcement service with the field cipher and
// hands it to the web UI (a.Web.Enforcement).
func (a *App) wireEnforcement(d *web.Deps) error {
	c, err := a.dataCipher()
	if err != nil {
		return err
	}
	svc := enforcement.NewService(a.DB, a.Audit, a.Org, a.Deadlines, a.Attach, c)
	if err := svc.RegisterMetrics(d.MetricRegistry()); err != nil {
		return err
	}
	d.Enforcement = svc
	a.registerImportJobs(svc)
	a.registerStatsJob(svc)
	return nil
}

// dataCipher seals personal data at rest. The key comes from FAZHI_DATA_KEY;
// without it, a key is generated once into the data directory so a demo or a
// first start works, with a warning that production keeps the key elsewhere.
func (a *App) dataCipher() (*privacy.Cipher, error) {
	alg := os.Getenv("FAZHI_DATA_CIPHER") // aes-256-gcm (default) | sm4-gcm
	if _, ok := os.LookupEnv(privacy.KeyEnv); ok {
		key, err := privacy.KeyFromEnv()
		if err != nil {
			return nil, err
		}
		return privacy.New(alg, key)
	}
	dir := a.Cfg.DataDir
	if dir == "" {
		dir = "."
	}
	path := filepath.Join(dir, keyFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		raw = []byte(privacy.GenerateKey() + "\n")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			return nil, fmt.Errorf("cannot write the generated data key %s: %w", path, err)
		}
		a.Log.Warn("FAZHI_DATA_KEY is not set: generated a data key in the data directory; in production set FAZHI_DATA_KEY and keep the key out of backups", "file", path)
	} else if err != nil {
		return nil, fmt.Errorf("cannot read the data key %s: %w", path, err)
	}
	key, err := privacy.ParseKey(strings.TrimSpace(string(raw)))
	if err != nil {
		return nil, fmt.Errorf("data key file %s: %w", path, err)
	}
	return privacy.New(alg, key)
}
