package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"fazhi/internal/app"
	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// The calendar commands' database wiring: import-notice --apply saves into
// the database, export and add read the notices imported there.
func init() {
	applyNotice = applyNoticeDB
	calendarSource = calendarFromDB
}

// openCalendarDB opens an existing database; a SQLite file that does not
// exist is refused rather than created empty.
func openCalendarDB(ctx context.Context, dsn string) (*store.DB, error) {
	if !store.IsPostgresURL(dsn) {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("database %s does not exist (run \"fazhi migrate\" first, or set --db / FAZHI_DB)", dsn)
		}
	}
	return store.Open(ctx, dsn)
}

// calendarFromDB is the national calendar with the notices imported into
// the database named by --db or FAZHI_DB; with neither, the embedded one.
func calendarFromDB(dsn string) (*calendar.Calendar, error) {
	if dsn == "" {
		dsn = os.Getenv("FAZHI_DB")
	}
	if dsn == "" {
		return calendar.Default(), nil
	}
	ctx := context.Background()
	db, err := openCalendarDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	cal, err := deadline.NewService(db, nil).Calendar(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the calendar from %s (is the schema current? run \"fazhi migrate\"): %w", db.Describe(), err)
	}
	return cal, nil
}

// applyNoticeDB saves a parsed notice into the configured database (audited
// as the operating-system user) and says what it saved.
func applyNoticeDB(dsn string, plan calendar.YearPlan, text string) (string, error) {
	cfg := app.FromEnv()
	if dsn != "" {
		cfg.DB = dsn
	}
	logger, err := audit.NewLogger(cfg.AuditHash)
	if err != nil {
		return "", err
	}
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "cli:" + osUser()})
	db, err := openCalendarDB(ctx, cfg.DB)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return "", err
	}
	svc := deadline.NewService(db, logger)
	pv, err := svc.PreviewNotice(ctx, plan)
	if err != nil {
		return "", fmt.Errorf("the notice conflicts with the calendar: %w", err)
	}
	if err := svc.ApplyNotice(ctx, plan, text); err != nil {
		return "", err
	}
	msg := fmt.Sprintf("已导入 %s：%s（%d 天安排，与此前相比变化 %d 天）", db.Describe(), plan.Title, len(plan.Days), len(pv.Changes))
	switch {
	case pv.Replaces != nil:
		msg += fmt.Sprintf("，替换了 %s 于 %s 导入的版本", pv.Replaces.ImportedBy, pv.Replaces.ImportedAt.Local().Format("2006-01-02 15:04"))
	case pv.Builtin != nil:
		msg += "，替换了系统内置的通知"
	}
	return msg, nil
}
