// Package servertest starts a real console, on the embedded store in a
// fresh folder, for tests that go through HTTP.
package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
)

// Env is a running server and the demo account's credentials.
type Env struct {
	T        testing.TB
	Server   *server.Server
	URL      string
	Email    string
	Password string
	DataDir  string
	Logs     *Logs
}

// Password of the demo account's first user in tests.
const Password = "test-password-1234"

// Start runs a server on 127.0.0.1 with a fresh data folder; it stops when
// the test ends. configure may adjust the configuration first.
func Start(t testing.TB, configure ...func(*server.Config)) *Env {
	t.Helper()
	e := &Env{T: t, DataDir: t.TempDir(), Logs: &Logs{}, Password: Password}
	cfg := server.Config{
		BootstrapPassword: Password,
		// Links in emails; tests read the token out of them.
		Users:  users.Config{PublicURL: "http://console.test/"},
		WebDir: filepath.Join(ModuleRoot(t), "web"),
		Logger: slog.New(slog.NewJSONHandler(e.Logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	cfg.Store.DataDir = e.DataDir
	for _, f := range configure {
		f(&cfg)
	}
	e.start(cfg)
	return e
}

func (e *Env) start(cfg server.Config) {
	t := e.T
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := server.New(ctx, cfg)
	if err != nil {
		t.Fatalf("starting the server: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	e.Server, e.URL = srv, "http://"+ln.Addr().String()
	if srv.Demo != nil {
		e.Email = srv.Demo.Email
	}
	t.Cleanup(e.Stop)
}

// Stop shuts the server down; later calls do nothing.
func (e *Env) Stop() {
	if e.Server == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = e.Server.Shutdown(ctx)
	e.Server = nil
}

// ModuleRoot is the folder of go.mod.
func ModuleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// Logs collects what the server logged.
type Logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Client is one browser: its own cookies and CSRF token.
type Client struct {
	env  *Env
	HTTP *http.Client
	CSRF string
}

// Client returns a new client with an empty cookie jar.
func (e *Env) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{env: e, HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// SignedIn returns a client signed in as the demo account's first user.
func (e *Env) SignedIn() *Client {
	c := e.Client()
	c.Login(e.Email, e.Password)
	return c
}

// Login signs in and keeps the CSRF token; it fails the test unless it works.
func (c *Client) Login(email, password string) api.LoginResponse {
	c.env.T.Helper()
	var out api.LoginResponse
	res := c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: password})
	res.Want(http.StatusOK)
	res.JSON(&out)
	c.CSRF = out.CSRFToken
	return out
}

// Switch asks to act in account id (POST /me/accounts/{id}/switch), and
// keeps the new session's CSRF token when it does.
func (c *Client) Switch(id string, body any) *Response {
	c.env.T.Helper()
	res := c.Do("POST", "/api/v1/me/accounts/"+id+"/switch", body)
	if res.Status == http.StatusOK {
		var out api.LoginResponse
		res.JSON(&out)
		c.CSRF = out.CSRFToken
	}
	return res
}

// Response is a finished request.
type Response struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// Do sends body (JSON-encoded unless it is a string or nil) with the CSRF
// token the client holds.
func (c *Client) Do(method, path string, body any, headers ...string) *Response {
	c.env.T.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.env.T.Fatal(err)
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.env.URL+path, r)
	if err != nil {
		c.env.T.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.CSRF != "" {
		req.Header.Set("X-CSRF-Token", c.CSRF)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		c.env.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.env.T.Fatal(err)
	}
	return &Response{t: c.env.T, Status: res.StatusCode, Header: res.Header, Body: b}
}

// Want fails the test unless the status is the one given.
func (r *Response) Want(status int) *Response {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("status %d, want %d; body %s", r.Status, status, r.Body)
	}
	return r
}

// JSON decodes the body into v.
func (r *Response) JSON(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("decoding %s: %v", r.Body, err)
	}
}

// ErrorCode is the body's error code, "" when the body is no error.
func (r *Response) ErrorCode() string {
	var e api.Error
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Code
}

// UserPassword is the password of users made by WithRole.
const UserPassword = "user-password-1234"

// WithRole creates an active user holding the role (through the API, as the
// demo super admin) and returns a client signed in as them, and their id.
func (e *Env) WithRole(roleID, email string) (*Client, string) {
	e.T.Helper()
	var u api.User
	e.SignedIn().Do("POST", "/api/v1/users", api.CreateUser{
		Name: "User " + roleID, Email: email, RoleID: roleID, Password: UserPassword,
	}).Want(201).JSON(&u)
	c := e.Client()
	c.Login(email, UserPassword)
	return c, u.ID
}
