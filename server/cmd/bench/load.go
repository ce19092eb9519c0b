package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/shared/api"
)

const (
	defaultLoad = 5 * time.Second
	users       = 50
)

// apiLoad starts the console as its own process on the embedded store,
// with an Enterprise account of 50 users, and drives GET /api/v1/me and
// GET /api/v1/users with concurrent signed-in clients; in the same run it
// drives a bare Fiber handler that returns a constant JSON of the size of
// /me, on the API's Fiber settings. It ends with the server's memory.
func apiLoad(bin, web string, clients int, d time.Duration) ([]row, error) {
	srv, owner, err := furnished(bin, web, "enterprise", users)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	sessions := make([]*loadgen.Session, clients)
	for i := range sessions {
		if sessions[i], err = loadgen.SignIn(srv.Base); err != nil {
			return nil, err
		}
	}
	var me bytes.Buffer
	if _, err := owner.Send("GET", "/api/v1/me", nil, &me); err != nil {
		return nil, err
	}
	bare, stop, err := bareServer(me.Len())
	if err != nil {
		return nil, err
	}
	defer stop()
	bareRun := loadgen.Drive(sessions, d, loadgen.Get(bare+"/bare"))
	meRun := loadgen.Drive(sessions, d, loadgen.Get(srv.Base+"/api/v1/me"))
	usersRun := loadgen.Drive(sessions, d, loadgen.Get(srv.Base+"/api/v1/users"))
	rss := residentMB(srv.Cmd.Process.Pid)

	return []row{
		{"bare Fiber handler (reference)", bareRun.String(), "-", bareRun.Errors == 0},
		{"GET /api/v1/me", fmt.Sprintf("%s; %.0f%% of bare", meRun, 100*meRun.RPS/bareRun.RPS), ">= 40% of bare, p99 < 20 ms",
			meRun.Errors == 0 && meRun.RPS >= 0.4*bareRun.RPS && meRun.P99 < 20*time.Millisecond},
		{"GET /api/v1/users (50 users)", fmt.Sprintf("%s; %.0f%% of bare", usersRun, 100*usersRun.RPS/bareRun.RPS), "p99 < 20 ms",
			usersRun.Errors == 0 && usersRun.P99 < 20*time.Millisecond},
		{"server resident memory after load", fmt.Sprintf("%.0f MB", rss), "<= 150 MB", rss > 0 && rss <= 150},
	}, nil
}

// furnished starts the console on a fresh store, on the plan when one is
// named, with the owner and users-1 more users of the Staff role, and
// returns it with a session of the owner.
func furnished(bin, web, plan string, users int) (*loadgen.Server, *loadgen.Session, error) {
	srv, err := loadgen.Start(bin, web)
	if err != nil {
		return nil, nil, err
	}
	owner, err := loadgen.SignIn(srv.Base)
	if err == nil && plan != "" {
		_, err = owner.Send("PATCH", "/api/v1/account", map[string]string{"plan": plan}, nil)
	}
	for i := 1; err == nil && i < users; i++ {
		u := api.CreateUser{Name: fmt.Sprintf("User %02d", i), Email: fmt.Sprintf("user%02d@bench.example", i), RoleID: "staff", Password: loadgen.Password}
		_, err = owner.Send("POST", "/api/v1/users", u, nil)
	}
	if err != nil {
		srv.Stop()
		return nil, nil, err
	}
	return srv, owner, nil
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

// residentMB reads a process's resident memory from /proc.
func residentMB(pid int) float64 { return statusMB(pid, "VmRSS:") }

// statusMB reads a figure in kB of a process's /proc status, in MB.
func statusMB(pid int, field string) float64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range splitLines(string(b)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
