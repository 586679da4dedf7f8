package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"fazhi/internal/app"
	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/org"
)

const userUsage = `usage:
  fazhi user create --username U --name 姓名 --unit 单位名称或编号 [--role R,R] [--scope 单位] [--password P]
  fazhi user passwd --username U [--password P]     (reset; must be changed at next login)
  fazhi user unlock --username U
  fazhi user list
Roles: sysadmin secadmin auditor fazhiban dept_legal officer leader assessor.
Without --password the password is read from standard input.`

func runUser(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	cfg := app.FromEnv()
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite file path or postgres:// URL (FAZHI_DB)")
	username := fs.String("username", "", "login name")
	name := fs.String("name", "", "display name")
	unit := fs.String("unit", "", "unit name or id")
	scope := fs.String("scope", "", "data scope unit (default: the user's unit)")
	roles := fs.String("role", "", "comma-separated roles")
	password := fs.String("password", "", "password (default: read from stdin)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "cli:" + osUser()})
	a, err := app.Open(ctx, cfg, newLogger(io.Discard))
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	defer a.Close()
	u := userCmd{a: a, out: stdout}
	switch args[0] {
	case "create":
		err = u.create(ctx, *username, *name, *unit, *scope, *roles, *password)
	case "passwd":
		err = u.passwd(ctx, *username, *password)
	case "unlock":
		err = u.unlock(ctx, *username)
	case "list":
		err = u.list(ctx)
	default:
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	return 0
}

func osUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

type userCmd struct {
	a   *app.App
	out io.Writer
}

func readPassword(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password given (use --password or pipe it on stdin)")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func (u userCmd) findUnit(ctx context.Context, ref string) (org.Unit, error) {
	var id int64
	if _, err := fmt.Sscanf(ref, "%d", &id); err == nil && fmt.Sprint(id) == ref {
		return u.a.Org.Get(ctx, id)
	}
	return u.a.Org.GetByName(ctx, ref)
}

func (u userCmd) create(ctx context.Context, username, name, unitRef, scopeRef, roleList, pw string) error {
	if username == "" || name == "" || unitRef == "" {
		return errors.New("--username, --name and --unit are required")
	}
	pw, err := readPassword(pw)
	if err != nil {
		return err
	}
	// Check the account before anything is written, so a refused user does
	// not leave a bootstrapped root unit behind.
	if err := auth.ValidateUsername(username); err != nil {
		return cliErr(err)
	}
	if err := auth.CheckPolicy(username, pw); err != nil {
		return fmt.Errorf("password refused by the policy (>= 10 characters, 3 of 4 classes, not the username): %w", err)
	}
	unit, err := u.findUnit(ctx, unitRef)
	if errors.Is(err, org.ErrNotFound) {
		unit, err = u.bootstrapRoot(ctx, unitRef)
	}
	if err != nil {
		return fmt.Errorf("unit %q: %w", unitRef, err)
	}
	scopeID := unit.ID
	if scopeRef != "" {
		sc, err := u.findUnit(ctx, scopeRef)
		if err != nil {
			return fmt.Errorf("scope unit %q: %w", scopeRef, err)
		}
		scopeID = sc.ID
	}
	var rs []auth.Role
	for _, r := range strings.Split(roleList, ",") {
		if r = strings.TrimSpace(r); r != "" {
			rs = append(rs, auth.Role(r))
		}
	}
	nu, err := u.a.Auth.CreateUser(ctx, auth.NewUser{Username: username, DisplayName: name, UnitID: unit.ID,
		ScopeUnitID: scopeID, Password: pw, MustChange: true, Roles: rs})
	if err != nil {
		return cliErr(err)
	}
	fmt.Fprintf(u.out, "created user %s (id %d) in %s; the password must be changed at first login\n", nu.Username, nu.ID, unit.Name)
	return nil
}

// bootstrapRoot creates the first unit of an empty database (the county
// government) so that the first administrator can be created from the CLI.
func (u userCmd) bootstrapRoot(ctx context.Context, name string) (org.Unit, error) {
	units, err := u.a.Org.List(ctx, org.ListFilter{})
	if err != nil {
		return org.Unit{}, err
	}
	if len(units) > 0 {
		return org.Unit{}, errors.New("no such unit (create it in the web UI, or give its id)")
	}
	root, err := u.a.Org.Create(ctx, 0, org.UnitFields{Name: name, Level: org.LevelGovernment, OrgType: org.OrgAdminOrgan,
		Note: "命令行初始化"})
	if err == nil {
		fmt.Fprintf(u.out, "created root unit %s (id %d) in the empty database\n", root.Name, root.ID)
	}
	return root, err
}

func (u userCmd) passwd(ctx context.Context, username, pw string) error {
	target, err := u.a.Auth.GetByUsername(ctx, username)
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	if pw, err = readPassword(pw); err != nil {
		return err
	}
	if err := u.a.Auth.ResetPassword(ctx, target.ID, pw); err != nil {
		return cliErr(err)
	}
	fmt.Fprintf(u.out, "password of %s reset; it must be changed at next login\n", username)
	return nil
}

func (u userCmd) unlock(ctx context.Context, username string) error {
	target, err := u.a.Auth.GetByUsername(ctx, username)
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	if err := u.a.Auth.Unlock(ctx, target.ID); err != nil {
		return err
	}
	fmt.Fprintf(u.out, "%s unlocked\n", username)
	return nil
}

func (u userCmd) list(ctx context.Context) error {
	users, _, err := u.a.Auth.List(ctx, auth.ListFilter{ScopePath: "/"})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(u.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSERNAME\tNAME\tUNIT\tROLES\tSTATUS")
	now := u.a.Auth.Now()
	for _, x := range users {
		status := "active"
		switch {
		case !x.Active:
			status = "disabled"
		case x.Locked(now):
			status = "locked"
		case x.MustChange:
			status = "must-change-password"
		}
		var rs []string
		for _, r := range x.Roles {
			rs = append(rs, string(r))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", x.ID, x.Username, x.DisplayName, x.UnitName, strings.Join(rs, ","), status)
	}
	return tw.Flush()
}

// cliErr puts the field in English in front of the service's Chinese message.
func cliErr(err error) error {
	var ae *auth.Error
	if errors.As(err, &ae) && ae.Field != "" {
		return fmt.Errorf("invalid %s: %w", ae.Field, err)
	}
	return err
}
