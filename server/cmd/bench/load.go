package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

const (
	defaultLoad = 5 * time.Second
	password    = "bench-password-1234"
	email       = "owner@bench.example"
	users       = 50
)

// apiLoad starts the console as its own process on the embedded store,
// with an Enterprise account of 50 users, and drives GET /api/v1/me and
// GET /api/v1/users with concurrent signed-in clients; in the same run it
// drives a bare Fiber handler that returns a constant JSON of the size of
// /me, on the API's Fiber settings. It ends with the server's memory.
func apiLoad(bin, web string, clients int, d time.Duration) ([]row, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	data, err := os.MkdirTemp("", "bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(data)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATA_DIR="+data, "WEB_DIR="+web, "LOG_LEVEL=error",
		"BOOTSTRAP_EMAIL="+email, "BOOTSTRAP_PASSWORD="+password)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w (run make build first)", bin, err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	ready := bufio.NewScanner(out)
	for ready.Scan() && !strings.HasPrefix(ready.Text(), "Demo account created") {
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	base := "http://" + addr

	owner, err := signIn(base)
	if err != nil {
		return nil, err
	}
	if err := owner.send("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}, nil); err != nil {
		return nil, err
	}
	for i := 1; i < users; i++ {
		u := api.CreateUser{Name: fmt.Sprintf("User %02d", i), Email: fmt.Sprintf("user%02d@bench.example", i), RoleID: "staff", Password: password}
		if err := owner.send("POST", "/api/v1/users", u, nil); err != nil {
			return nil, err
		}
	}
	sessions := make([]*session, clients)
	for i := range sessions {
		if sessions[i], err = signIn(base); err != nil {
			return nil, err
		}
	}
	var me bytes.Buffer
	if err := owner.send("GET", "/api/v1/me", nil, &me); err != nil {
		return nil, err
	}

	bare, stop, err := bareServer(me.Len())
	if err != nil {
		return nil, err
	}
	defer stop()
	bareRun := drive(sessions, bare+"/bare", d)
	meRun := drive(sessions, base+"/api/v1/me", d)
	usersRun := drive(sessions, base+"/api/v1/users", d)
	rss := residentMB(cmd.Process.Pid)

	rows := []row{
		{"bare Fiber handler (reference)", bareRun.String(), "-", bareRun.errors == 0},
		{"GET /api/v1/me", fmt.Sprintf("%s; %.0f%% of bare", meRun, 100*meRun.rps/bareRun.rps), ">= 40% of bare, p99 < 20 ms",
			meRun.errors == 0 && meRun.rps >= 0.4*bareRun.rps && meRun.p99 < 20*time.Millisecond},
		{"GET /api/v1/users (50 users)", fmt.Sprintf("%s; %.0f%% of bare", usersRun, 100*usersRun.rps/bareRun.rps), "p99 < 20 ms",
			usersRun.errors == 0 && usersRun.p99 < 20*time.Millisecond},
		{"server resident memory after load", fmt.Sprintf("%.0f MB", rss), "<= 150 MB", rss > 0 && rss <= 150},
	}
	return rows, nil
}

// session is one signed-in client.
type session struct {
	base string
	http *http.Client
	csrf string
}

func signIn(base string) (*session, error) {
	jar, _ := cookiejar.New(nil)
	s := &session{base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}}
	var res api.LoginResponse
	var buf bytes.Buffer
	if err := s.send("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: password}, &buf); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(buf.Bytes(), &res); err != nil {
		return nil, err
	}
	s.csrf = res.CSRFToken
	return s, nil
}

func (s *session) send(method, path string, in any, out *bytes.Buffer) error {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.base+path, body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", s.csrf)
	res, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	if out != nil {
		out.Write(b)
	}
	return nil
}

// bareServer serves a constant JSON body of n bytes with the API's Fiber settings.
func bareServer(n int) (string, func(), error) {
	body := append([]byte(`{"pad":"`), bytes.Repeat([]byte("x"), max(n-10, 0))...)
	body = append(body, `"}`...)
	app := fiber.New(fiber.Config{BodyLimit: 1 << 20, DisableStartupMessage: true,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second})
	app.Get("/bare", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(body)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go func() { _ = app.Listener(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = app.Shutdown() }, nil
}

// run is the outcome of one load run.
type run struct {
	requests, errors int
	rps              float64
	p50, p99         time.Duration
}

func (r run) String() string {
	return fmt.Sprintf("%.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors", r.rps, ms(r.p50), ms(r.p99), r.errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// drive has every session GET url in a loop for d, and measures.
func drive(sessions []*session, url string, d time.Duration) run {
	var mu sync.Mutex
	var lat []time.Duration
	errors := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	start := time.Now()
	for _, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) {
				t0 := time.Now()
				res, err := s.http.Get(url)
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				if err != nil || res.StatusCode != 200 {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat, errors = append(lat, mine...), errors+bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	r := run{requests: len(lat), errors: errors, rps: float64(len(lat)) / elapsed.Seconds()}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

// residentMB reads a process's resident memory from /proc.
func residentMB(pid int) float64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range splitLines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
