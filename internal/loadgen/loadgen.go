// Package loadgen drives a running console over HTTP with signed-in
// clients and measures what it answers: for `make bench` and `make load`.
package loadgen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rolesconsole/console/shared/api"
)

// Owner signs in to the demo account of a console started by Start.
const (
	Email    = "owner@load.example"
	Password = "load-password-1234"
)

// Server is a console process on a fresh embedded store.
type Server struct {
	Base string
	Cmd  *exec.Cmd
	data string
}

// Start runs the console binary with a demo account; extra is added to its environment.
func Start(bin, web string, extra ...string) (*Server, error) {
	data, err := os.MkdirTemp("", "load-")
	if err != nil {
		return nil, err
	}
	s, err := StartIn(bin, web, data, extra...)
	if err != nil {
		os.RemoveAll(data)
		return nil, err
	}
	s.data = data
	return s, nil
}

// StartIn runs the console binary on the store in dataDir, which the
// caller owns: Stop leaves it. On a store that holds accounts no demo
// account is made, and the owner's credentials are the caller's.
func StartIn(bin, web, dataDir string, extra ...string) (*Server, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATA_DIR="+dataDir, "WEB_DIR="+web, "LOG_LEVEL=error",
		"BOOTSTRAP_EMAIL="+Email, "BOOTSTRAP_PASSWORD="+Password)
	cmd.Env = append(cmd.Env, extra...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w (run make build first)", bin, err)
	}
	// The server announces how to sign in once it listens: with the demo
	// account it made, or with an existing one.
	ready := bufio.NewScanner(out)
	for ready.Scan() && !strings.HasPrefix(ready.Text(), "Demo account created") && !strings.HasPrefix(ready.Text(), "Sign in with a user") {
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return &Server{Base: "http://" + addr, Cmd: cmd}, nil
}

// Stop ends the process and removes the data Start made.
func (s *Server) Stop() {
	_ = s.Cmd.Process.Kill()
	_ = s.Cmd.Wait()
	os.RemoveAll(s.data)
}

// Session is one client of a console, signed in once SignInAs succeeded.
type Session struct {
	Base string
	HTTP *http.Client
	csrf string
}

// NewSession is a client of the console at base with an empty cookie jar,
// not signed in.
func NewSession(base string) *Session {
	jar, _ := cookiejar.New(nil)
	return &Session{Base: base, HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}}
}

// SignIn opens a session as the demo owner.
func SignIn(base string) (*Session, error) { return SignInAs(base, Email, Password) }

// SignInAs opens a session as the given user.
func SignInAs(base, email, password string) (*Session, error) {
	s := NewSession(base)
	if _, err := s.Send("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: password}, nil); err != nil {
		return nil, err
	}
	return s, nil
}

// At is the same session speaking to another server of the same store,
// at base: its cookies (the jar keeps them per host) and token go along.
func (s *Session) At(base string) *Session {
	there := &Session{Base: base, HTTP: s.HTTP, csrf: s.csrf}
	from, err1 := url.Parse(s.Base)
	to, err2 := url.Parse(base)
	if err1 == nil && err2 == nil {
		s.HTTP.Jar.SetCookies(to, s.HTTP.Jar.Cookies(from))
	}
	return there
}

// Send makes one request; an answer of 300 or more is an error.
func (s *Session) Send(method, path string, in any, out *bytes.Buffer) (int, error) {
	status, b, err := s.Do(method, path, in)
	if err != nil {
		return 0, err
	}
	if status >= 300 {
		return status, fmt.Errorf("%s %s: %d %s", method, path, status, b)
	}
	if out != nil {
		out.Write(b)
	}
	return status, nil
}

// Do makes one request and returns its status and body, whatever the
// status; err only when no answer came. A sign-in answered here keeps its
// CSRF token.
func (s *Session) Do(method, path string, in any) (int, []byte, error) {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.Base+path, body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", s.csrf)
	res, err := s.HTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if path == "/api/v1/auth/login" && res.StatusCode == http.StatusOK {
		var in api.LoginResponse
		if json.Unmarshal(b, &in) == nil {
			s.csrf = in.CSRFToken
		}
	}
	return res.StatusCode, b, nil
}

// Run is the outcome of a load run.
type Run struct {
	Requests, Errors int
	RPS              float64
	P50, P99         time.Duration
}

func (r Run) String() string {
	return fmt.Sprintf("%.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors", r.RPS, ms(r.P50), ms(r.P99), r.Errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Drive has every session call op in a loop for d, and measures. op
// returns whether the request succeeded.
func Drive(sessions []*Session, d time.Duration, op func(s *Session, i int) bool) Run {
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
			for i := 0; time.Now().Before(deadline); i++ {
				t0 := time.Now()
				if !op(s, i) {
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
	slices.Sort(lat)
	r := Run{Requests: len(lat) + errors, Errors: errors, RPS: float64(len(lat)) / time.Since(start).Seconds()}
	if len(lat) > 0 {
		r.P50, r.P99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

// Get is an op that GETs a URL and wants 200.
func Get(url string) func(*Session, int) bool {
	return func(s *Session, _ int) bool {
		res, err := s.HTTP.Get(url)
		if err != nil {
			return false
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode == 200
	}
}

// FreeAddr returns a free loopback address.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
