// Command bench measures the console against its performance budgets and
// prints one table: each figure, its budget, and whether it holds. Figures
// are ratios against a reference measured in the same run where absolute
// times on shared machines drift. Run it with `make bench`.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// row is one line of the table.
type row struct {
	measure, figure, budget string
	ok                      bool
}

func main() {
	bin := flag.String("bin", "bin/console", "the console binary to load")
	web := flag.String("web", "web", "the built web folder")
	duration := flag.Duration("load", defaultLoad, "how long each load run lasts")
	clients := flag.Int("clients", 16, "concurrent clients in the load runs")
	visits := flag.Int("visits", defaultVisits, "cold loads of each page in the time-to-interactive runs")
	fillers := flag.Int("accounts", defaultFillers, "other accounts in the store of the scale runs")
	scaleRun := flag.Duration("scale-load", defaultScale, "how long each scale run lasts, per endpoint")
	only := flag.String("only", "", "run only this measure: "+strings.Join(stepNames, ", "))
	flag.Parse()

	rows, err := measure(*bin, *web, *clients, *duration, *visits, *fillers, *scaleRun, *only)
	if err != nil {
		fail(err)
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "measure\tfigure\tbudget\tresult")
	fmt.Fprintln(w, "-------\t------\t------\t------")
	failed := 0
	for _, r := range rows {
		result := "pass"
		if !r.ok {
			result, failed = "FAIL", failed+1
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.measure, r.figure, r.budget, result)
	}
	w.Flush()
	fmt.Printf("%d passed, %d failed\n", len(rows)-failed, failed)
	if cpu := cpuModel(); cpu != "" {
		fmt.Println("cpu:", cpu)
	}
}

// stepNames name the measures, in the order measure runs them.
var stepNames = []string{"perm", "load", "burst", "signin-cost", "signin-writes", "scale", "writes", "wasm", "tti"}

// measure runs every measure in turn, or only the one named; the minimal
// page's folder lives as long as the run.
func measure(bin, web string, clients int, load time.Duration, visits, fillers int, scaleRun time.Duration, only string) ([]row, error) {
	dir, err := os.MkdirTemp("", "bench-minimal-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	steps := []func() ([]row, error){
		permissionChecks,
		func() ([]row, error) { return apiLoad(bin, web, clients, load) },
		func() ([]row, error) { return signInBurst(bin, web) },
		func() ([]row, error) { return signInCost(bin, web) },
		func() ([]row, error) { return signInWrites(bin, web) },
		func() ([]row, error) { return scaleLoad(bin, web, fillers, scaleRun) },
		func() ([]row, error) { return writeLoad(bin, web) },
		func() ([]row, error) {
			minimal, err := buildMinimal(dir)
			if err != nil {
				return nil, err
			}
			return wasmSizes(web, minimal)
		},
		func() ([]row, error) { return timeToInteractive(bin, web, dir, visits) },
	}
	if len(steps) != len(stepNames) {
		return nil, fmt.Errorf("%d measures but %d names", len(steps), len(stepNames))
	}
	if only != "" && !slices.Contains(stepNames, only) {
		return nil, fmt.Errorf("no measure %q", only)
	}
	var rows []row
	for i, step := range steps {
		if only != "" && stepNames[i] != only {
			continue
		}
		r, err := step()
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
	}
	return rows, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range splitLines(string(b)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
