// Command load drives a running console over loopback with signed-in
// clients mixing reads and writes for a bounded time, then reports
// requests, error rate and latency per kind of request, and whether the
// server's goroutines and memory came back to where they started. Run it
// with `make load` (LOAD_TIME=10m for a soak).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/shared/api"
)

func main() {
	bin := flag.String("bin", "bin/console", "the console binary")
	web := flag.String("web", "web", "the built web folder")
	clients := flag.Int("clients", 16, "concurrent signed-in clients")
	d := flag.Duration("time", 30*time.Second, "how long the load lasts")
	flag.Parse()
	if err := run(*bin, *web, *clients, *d); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// vars are the server's runtime figures from /debug/vars.
type vars struct {
	Goroutines int `json:"goroutines"`
	Memstats   struct {
		HeapInuse uint64 `json:"HeapInuse"`
	} `json:"memstats"`
}

func readVars(addr string) (vars, error) {
	var v vars
	res, err := http.Get("http://" + addr + "/debug/vars")
	if err != nil {
		return v, err
	}
	defer res.Body.Close()
	return v, json.NewDecoder(res.Body).Decode(&v)
}

// kind is one kind of request in the mix, with its share of ten.
type kind struct {
	name  string
	share int
	op    func(s *loadgen.Session, i int) bool
}

func run(bin, web string, clients int, d time.Duration) error {
	debug, err := loadgen.FreeAddr()
	if err != nil {
		return err
	}
	srv, err := loadgen.Start(bin, web, "DEBUG_ADDR="+debug)
	if err != nil {
		return err
	}
	defer srv.Stop()
	owner, err := loadgen.SignIn(srv.Base)
	if err != nil {
		return err
	}
	var created bytes.Buffer
	if _, err := owner.Send("POST", "/api/v1/users", api.CreateUser{Name: "Renamed", Email: "target@load.example", RoleID: "staff", Password: loadgen.Password}, &created); err != nil {
		return err
	}
	var target api.User
	_ = json.Unmarshal(created.Bytes(), &target)
	sessions := make([]*loadgen.Session, clients)
	for i := range sessions {
		if sessions[i], err = loadgen.SignIn(srv.Base); err != nil {
			return err
		}
	}
	send := func(method, path string, in any) func(*loadgen.Session, int) bool {
		return func(s *loadgen.Session, _ int) bool {
			_, err := s.Send(method, path, in, nil)
			return err == nil
		}
	}
	kinds := []kind{
		{"read: GET /me, /users, /matrix, /audit", 7, func(s *loadgen.Session, i int) bool {
			paths := []string{"/api/v1/me", "/api/v1/users", "/api/v1/matrix", "/api/v1/audit?limit=20"}
			return loadgen.Get(srv.Base+paths[i%len(paths)])(s, i)
		}},
		{"write: toggle a grant", 2, func(s *loadgen.Session, i int) bool {
			return send("PUT", "/api/v1/roles/read_only/permissions/events.create", api.Toggle{Granted: ptrBool(i%2 == 0)})(s, i)
		}},
		{"write: rename a user", 1, func(s *loadgen.Session, i int) bool {
			return send("PATCH", "/api/v1/users/"+target.ID, map[string]string{"name": fmt.Sprintf("Renamed %d", i)})(s, i)
		}},
	}
	before, err := readVars(debug)
	if err != nil {
		return err
	}
	results := make([]stats, len(kinds))
	total := loadgen.Drive(sessions, d, func(s *loadgen.Session, i int) bool {
		slot := i % 10
		for k, kd := range kinds {
			if slot < kd.share {
				t0 := time.Now()
				ok := kd.op(s, i)
				results[k].add(ok, time.Since(t0))
				return ok
			}
			slot -= kd.share
		}
		return true
	})
	// Let connections close and pools shrink (the store's idle connections
	// go after 20 s), up to a minute, before comparing.
	for _, s := range sessions {
		s.HTTP.CloseIdleConnections()
	}
	var after vars
	for wait := 0; wait < 60; wait++ {
		time.Sleep(time.Second)
		if after, err = readVars(debug); err != nil {
			return err
		}
		if after.Goroutines <= before.Goroutines+5 {
			break
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "load: %d clients for %v\n", clients, d)
	fmt.Fprintln(w, "kind\trequests\terror rate\tp50\tp99")
	for k, kd := range kinds {
		r := results[k].run()
		fmt.Fprintf(w, "%s\t%d\t%.2f%%\t%.2f ms\t%.2f ms\n", kd.name, r.Requests, rate(r), ms(r.P50), ms(r.P99))
	}
	fmt.Fprintf(w, "all\t%d\t%.2f%%\t%.2f ms\t%.2f ms\n", total.Requests, rate(total), ms(total.P50), ms(total.P99))
	w.Flush()
	fmt.Printf("goroutines: %d before, %d after\n", before.Goroutines, after.Goroutines)
	fmt.Printf("heap in use: %.1f MB before, %.1f MB after\n", mb(before.Memstats.HeapInuse), mb(after.Memstats.HeapInuse))
	grew := after.Goroutines > before.Goroutines+5 || mb(after.Memstats.HeapInuse) > 1.5*mb(before.Memstats.HeapInuse)+16
	if total.Errors > 0 || grew {
		return fmt.Errorf("%d errors; goroutines or memory did not come back (%v)", total.Errors, grew)
	}
	fmt.Println("no errors; goroutines and memory back to their starting level")
	return nil
}

// stats gathers one kind's outcomes across clients.
type stats struct {
	mu     sync.Mutex
	lat    []time.Duration
	errors int
}

func (st *stats) add(ok bool, d time.Duration) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if !ok {
		st.errors++
		return
	}
	st.lat = append(st.lat, d)
}

func (st *stats) run() loadgen.Run {
	slices.Sort(st.lat)
	r := loadgen.Run{Requests: len(st.lat) + st.errors, Errors: st.errors}
	if len(st.lat) > 0 {
		r.P50, r.P99 = st.lat[len(st.lat)/2], st.lat[len(st.lat)*99/100]
	}
	return r
}

func rate(r loadgen.Run) float64 {
	if r.Requests == 0 {
		return 0
	}
	return 100 * float64(r.Errors) / float64(r.Requests)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
func mb(b uint64) float64        { return float64(b) / (1 << 20) }
func ptrBool(b bool) *bool       { return &b }
