package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
)

// benchLine is one result line of `go test -bench -benchmem`.
var benchLine = regexp.MustCompile(`^BenchmarkCheck/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+\d+ B/op\s+(\d+) allocs/op`)

// permissionChecks runs shared/perm's BenchmarkCheck (a role of 100 grants,
// a user of 10 overrides) and compares each case with the floor the same
// run measured: a map[string]bool lookup of the same permission id.
func permissionChecks() ([]row, error) {
	out, err := exec.Command("go", "test", "-run", "^$", "-bench", "BenchmarkCheck", "-benchmem", "./shared/perm").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench: %v\n%s", err, out)
	}
	type result struct {
		ns     float64
		allocs int
	}
	results := map[string]result{}
	var order []string
	for _, line := range splitLines(string(out)) {
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		allocs, _ := strconv.Atoi(m[3])
		results[m[1]] = result{ns, allocs}
		order = append(order, m[1])
	}
	floor, ok := results["floor-map-lookup"]
	if !ok {
		return nil, fmt.Errorf("no floor in the benchmark output:\n%s", out)
	}
	var rows []row
	for _, name := range order {
		if name == "floor-map-lookup" {
			continue
		}
		r := results[name]
		rows = append(rows, row{
			measure: "permission check, " + name,
			figure:  fmt.Sprintf("%.1f ns/op, %d allocs/op; %.2fx a map lookup (%.1f ns)", r.ns, r.allocs, r.ns/floor.ns, floor.ns),
			budget:  "< 50 ns, 0 allocs",
			ok:      r.ns < 50 && r.allocs == 0,
		})
	}
	return rows, nil
}
