package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"fazhi/internal/calendar"
)

const calendarUsage = `usage:
  fazhi calendar export --year YYYY [--format json|text] [--db D]
  fazhi calendar add --from YYYY-MM-DD (--n N --unit workday|day|month|year | --rule RULE_ID)
                     [--extend N] [--suspend N] [--before] [--format json|text] [--db D]
  fazhi calendar import-notice FILE [--apply] [--format json|text] [--db D]

Without --db or FAZHI_DB, export and add use the embedded national calendar;
with one, they include the notices imported into that database. --apply saves
the notice into the database given by --db or FAZHI_DB (default ./fazhi.db).`

// applyNotice stores an imported notice and its text in database db ("" =
// the configured one) and describes what it saved; the database wiring
// (calendar_db.go) sets it.
var applyNotice func(db string, plan calendar.YearPlan, text string) (string, error)

// calendarSource returns the calendar the commands compute with for database
// db ("" = FAZHI_DB if set); the database wiring replaces it to include the
// notices imported into that database.
var calendarSource = func(db string) (*calendar.Calendar, error) { return calendar.Default(), nil }

// calMaxCount caps --n, --extend and --suspend (about a century of days).
const calMaxCount = 36500

// maxNoticeFile caps the size of a notice file read by import-notice.
const maxNoticeFile = 1 << 20

// calUsageError is bad input: exit status 2 with a one-line English message.
type calUsageError struct{ msg string }

func (e calUsageError) Error() string { return e.msg }

func calBadUsage(format string, args ...any) error {
	return calUsageError{fmt.Sprintf(format, args...)}
}

// runCalendar implements "fazhi calendar export|add|import-notice".
// Exit codes: 0 done, 1 failure, 2 bad usage or input.
func runCalendar(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, calendarUsage)
		return 2
	}
	var err error
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, calendarUsage)
		return 0
	case "export":
		err = calendarExport(args[1:], stdout)
	case "add":
		err = calendarAdd(args[1:], stdout)
	case "import-notice":
		err = calendarImport(args[1:], stdout)
	default:
		err = calBadUsage("unknown subcommand %q (run \"fazhi calendar help\")", args[0])
	}
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "calendar %s: %s\n", args[0], calOneLine(err.Error()))
	var ue calUsageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func calOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// calParseFlags parses fs and returns the positional arguments, which may come
// before or after the flags.
func calParseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, calBadUsage("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func calCheckFormat(format string) error {
	if format != "json" && format != "text" {
		return calBadUsage("--format must be json or text, not %q", format)
	}
	return nil
}

func calendarExport(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	year := fs.Int("year", 0, "")
	format := fs.String("format", "text", "")
	db := fs.String("db", "", "")
	rest, err := calParseFlags(fs, args)
	switch {
	case err != nil:
		return err
	case len(rest) > 0:
		return calBadUsage("unexpected argument %q", rest[0])
	case *year == 0:
		return calBadUsage("--year is required")
	case *year < calendar.MinYear || *year > calendar.MaxYear:
		return calBadUsage("year %d is outside the supported range %d-%d", *year, calendar.MinYear, calendar.MaxYear)
	}
	if err := calCheckFormat(*format); err != nil {
		return err
	}
	cal, err := calendarSource(*db)
	if err != nil {
		return err
	}
	days, err := cal.Days(*year)
	if err != nil {
		return err
	}
	if *format == "json" {
		return calWriteJSON(stdout, days)
	}
	info, _ := cal.Year(*year)
	calWriteYearText(stdout, info, days)
	return nil
}

func calWriteYearText(w io.Writer, info calendar.YearInfo, days []calendar.Day) {
	if info.Notice != nil {
		fmt.Fprintf(w, "%d年 依据：%s\n", info.Year, info.Notice.Title)
		for _, a := range info.Amendments {
			fmt.Fprintf(w, "      调整：%s\n", a.Title)
		}
	} else {
		fmt.Fprintf(w, "%d年 %s\n", info.Year, calendar.EstimatedNote)
	}
	work := 0
	for _, d := range days {
		if d.Workday {
			work++
		}
		if d.Kind == calendar.KindHoliday || d.Kind == calendar.KindAdjustedWorkday {
			fmt.Fprintf(w, "%s %s %s %s\n", d.Date, d.Date.WeekdayName(), d.Kind.Label(), d.Name)
		}
	}
	fmt.Fprintf(w, "全年 %d 天，工作日 %d 天\n", len(days), work)
}

func calWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func calReadNoticeFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", calBadUsage("cannot read %s: %v", name, errors.Unwrap(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxNoticeFile+1))
	if err != nil {
		return "", calBadUsage("cannot read %s: %v", name, err)
	}
	if len(b) > maxNoticeFile {
		return "", calBadUsage("%s is larger than %d bytes", name, maxNoticeFile)
	}
	return string(b), nil
}

func calendarImport(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import-notice", flag.ContinueOnError)
	apply := fs.Bool("apply", false, "")
	format := fs.String("format", "text", "")
	db := fs.String("db", "", "")
	files, err := calParseFlags(fs, args)
	switch {
	case err != nil:
		return err
	case len(files) != 1:
		return calBadUsage("exactly one notice FILE is required")
	}
	if err := calCheckFormat(*format); err != nil {
		return err
	}
	text, err := calReadNoticeFile(files[0])
	if err != nil {
		return err
	}
	plan, err := calendar.ParseNotice(text)
	if err != nil {
		return calBadUsage("cannot parse %s: %v", files[0], err)
	}
	if *format == "json" {
		if err := calWriteJSON(stdout, plan); err != nil {
			return err
		}
	} else {
		fmt.Fprint(stdout, plan.PreviewText())
	}
	if !*apply {
		return nil
	}
	if applyNotice == nil {
		return errors.New("--apply needs a database")
	}
	saved, err := applyNotice(*db, plan, text)
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	if *format == "text" {
		fmt.Fprintln(stdout, saved)
	}
	return nil
}

type calAddFlags struct {
	from, unit, rule, format, db string
	n, extend, suspend           int
	before                       bool
}

func calParseAddFlags(args []string) (calAddFlags, error) {
	var f calAddFlags
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	fs.StringVar(&f.from, "from", "", "")
	fs.IntVar(&f.n, "n", 0, "")
	fs.StringVar(&f.unit, "unit", "", "")
	fs.StringVar(&f.rule, "rule", "", "")
	fs.IntVar(&f.extend, "extend", 0, "")
	fs.IntVar(&f.suspend, "suspend", 0, "")
	fs.BoolVar(&f.before, "before", false, "")
	fs.StringVar(&f.format, "format", "text", "")
	fs.StringVar(&f.db, "db", "", "")
	rest, err := calParseFlags(fs, args)
	switch {
	case err != nil:
		return f, err
	case len(rest) > 0:
		return f, calBadUsage("unexpected argument %q", rest[0])
	case f.from == "":
		return f, calBadUsage("--from YYYY-MM-DD is required")
	case f.rule != "" && (f.n != 0 || f.unit != "" || f.before):
		return f, calBadUsage("use either --rule or --n/--unit/--before, not both")
	case f.rule == "" && (f.n < 1 || f.unit == ""):
		return f, calBadUsage("--n (a positive number) and --unit are required without --rule")
	case f.extend < 0 || f.suspend < 0:
		return f, calBadUsage("--extend and --suspend cannot be negative")
	case f.n > calMaxCount || f.extend > calMaxCount || f.suspend > calMaxCount:
		return f, calBadUsage("--n, --extend and --suspend must be at most %d", calMaxCount)
	}
	return f, calCheckFormat(f.format)
}

// calAddOutput is the JSON form of a computed deadline.
type calAddOutput struct {
	Start     string        `json:"start"`
	Due       string        `json:"due"`
	Estimated bool          `json:"estimated"`
	Note      string        `json:"note,omitempty"`
	N         int           `json:"n"`
	Unit      string        `json:"unit"`
	Trail     []string      `json:"trail"`
	Rule      *calRuleBrief `json:"rule,omitempty"`
}

type calRuleBrief struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Citation string `json:"citation"`
}

func calendarAdd(args []string, stdout io.Writer) error {
	f, err := calParseAddFlags(args)
	if err != nil {
		return err
	}
	start, err := calendar.ParseDate(f.from)
	if err != nil {
		return calBadUsage("--from must be a date like 2024-09-27, not %q", f.from)
	}
	if start.Year < calendar.MinYear || start.Year > calendar.MaxYear {
		return calBadUsage("date %s is outside the supported range %d-%d", start, calendar.MinYear, calendar.MaxYear)
	}
	cal, err := calendarSource(f.db)
	if err != nil {
		return err
	}
	res, err := calComputeAdd(cal, start, f)
	if err != nil {
		return err
	}
	if f.format == "text" {
		fmt.Fprint(stdout, res.String())
		return nil
	}
	out := calAddOutput{Start: res.Start.String(), Due: res.Due.String(), Estimated: res.Estimated,
		Note: res.Note, N: res.Period.N, Unit: string(res.Period.Unit), Trail: res.Trail}
	if r := res.Rule; r != nil {
		out.Rule = &calRuleBrief{ID: r.ID, Name: r.Name, Citation: r.Citation}
	}
	return calWriteJSON(stdout, out)
}

// calComputeAdd checks the request in English terms, then lets the calendar
// count. Errors left after the checks are failures, not bad input.
func calComputeAdd(cal *calendar.Calendar, start calendar.Date, f calAddFlags) (calendar.Result, error) {
	var res calendar.Result
	var err error
	if f.rule != "" {
		r, ok := calendar.LookupRule(f.rule)
		switch {
		case !ok:
			return res, calBadUsage("unknown rule %q", f.rule)
		case r.Status == calendar.StatusDisabled:
			return res, calBadUsage("rule %s is unverified and disabled until confirmed", r.ID)
		case r.N == 0 || r.Unit == "" || r.Unit == calendar.UnitHour:
			return res, calBadUsage("rule %s has no period that can be counted on the calendar", r.ID)
		case r.ExtendMax > 0 && f.extend > r.ExtendMax:
			return res, calBadUsage("rule %s allows an extension of at most %d", r.ID, r.ExtendMax)
		case r.Before && (f.extend > 0 || f.suspend > 0):
			return res, calBadUsage("rule %s counts back from a date; --extend and --suspend do not apply", r.ID)
		}
		res, err = cal.AddRule(start, f.rule, calendar.Adjust{ExtendN: f.extend, SuspendDays: f.suspend})
	} else {
		unit, uerr := calendar.ParseUnit(f.unit)
		if uerr != nil {
			return res, calBadUsage("--unit must be workday, day, month or year, not %q", f.unit)
		}
		if f.before && (f.extend > 0 || f.suspend > 0) {
			return res, calBadUsage("--before cannot be combined with --extend or --suspend")
		}
		p := calendar.Period{N: f.n, Unit: unit, ExtendN: f.extend, SuspendDays: f.suspend, Before: f.before}
		res, err = cal.Add(start, p)
	}
	var re *calendar.RangeError
	if errors.As(err, &re) {
		return res, calBadUsage("the period reaches %s, outside the supported range %d-%d", re.Date, calendar.MinYear, calendar.MaxYear)
	}
	return res, err
}
