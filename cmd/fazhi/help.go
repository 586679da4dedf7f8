package main

import (
	"fmt"
	"io"

	"fazhi/internal/app"
)

func usage(w io.Writer) {
	fmt.Fprintln(w, "fazhi — 法治政府建设管理平台")
	fmt.Fprintln(w, "\nUsage: fazhi COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-44s %s\n", c.usage, c.help)
	}
	fmt.Fprintln(w, "\nEnvironment (flags override):")
	for _, e := range app.EnvVars {
		fmt.Fprintf(w, "  %-32s %s\n", e[0], e[1])
	}
	fmt.Fprintln(w, "\nRun \"fazhi COMMAND -h\" for a command's flags.")
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "fazhi", app.Version)
	return 0
}
