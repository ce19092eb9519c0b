package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "console-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "console")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("building the console: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// process is a running `console serve`.
type process struct {
	cmd    *exec.Cmd
	lines  chan string
	stderr *bytes.Buffer
}

func start(t *testing.T, env ...string) *process {
	t.Helper()
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), env...)
	cmd.Env = append(cmd.Env, "WEB_DIR="+filepath.Join(servertest.ModuleRoot(t), "web"), "LOG_LEVEL=warn")
	return run(t, cmd)
}

// run starts cmd and reads what it prints.
func run(t *testing.T, cmd *exec.Cmd) *process {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, lines: make(chan string, 100), stderr: &bytes.Buffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return p
}

// waitFor returns the first printed line that matches.
func (p *process) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("the server exited before printing %v; stderr: %s", re, p.stderr)
			}
			if m := re.FindStringSubmatch(line); m != nil {
				return m
			}
		case <-timeout:
			t.Fatalf("nothing printed matched %v", re)
		}
	}
}

func (p *process) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("the server did not exit cleanly on SIGTERM: %v; stderr: %s", err, p.stderr)
	}
}

func login(t *testing.T, addr, email, password string) int {
	t.Helper()
	body, _ := json.Marshal(api.LoginRequest{Email: email, Password: password})
	res, err := http.Post("http://"+addr+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// `make run` on an empty store: the server prints where and how to sign
// in, and that works; the second start makes no second demo account.
func TestServePrintsHowToSignIn(t *testing.T) {
	addr, data := freeAddr(t), t.TempDir()
	p := start(t, "ADDR="+addr, "DATA_DIR="+data)
	url := p.waitFor(t, regexp.MustCompile(`^Users & Roles console: (http://\S+)`))
	if !strings.Contains(url[1], addr[strings.LastIndex(addr, ":"):]) {
		t.Errorf("printed URL %s does not name the port of %s", url[1], addr)
	}
	creds := p.waitFor(t, regexp.MustCompile(`Sign in as (\S+) with password (\S+)$`))
	if got := login(t, addr, creds[1], creds[2]); got != 200 {
		t.Fatalf("signing in with the printed credentials: %d", got)
	}
	p.stop(t)

	again := start(t, "ADDR="+addr, "DATA_DIR="+data)
	again.waitFor(t, regexp.MustCompile(`^Sign in with a user of an existing account\.$`))
	if got := login(t, addr, creds[1], creds[2]); got != 200 {
		t.Fatalf("signing in after a restart: %d", got)
	}
	again.stop(t)
}

func TestUnreachableStoreFailsInOneLine(t *testing.T) {
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "MONGODB_URI=mongodb://user:secret@"+freeAddr(t)+"/", "STORE_TIMEOUT=1s", "ADDR="+freeAddr(t))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v; want code 1", err)
	}
	out := strings.TrimRight(stderr.String(), "\n")
	if strings.Count(out, "\n") != 0 || !strings.HasPrefix(out, "console: store: cannot reach 127.0.0.1:") {
		t.Fatalf("stderr is not one clear line: %q", out)
	}
	if strings.Contains(out, "secret") {
		t.Fatalf("the error reveals the URI's password: %q", out)
	}
}

func TestCreateAccount(t *testing.T) {
	data := t.TempDir()
	run := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command(binary, append([]string{"create-account"}, args...)...)
		cmd.Env = append(os.Environ(), "DATA_DIR="+data, "LOG_LEVEL=warn")
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("a-long-password\n", "-name", "Northside Clinic", "-email", "Boss@Northside.example", "-plan", "business")
	if err != nil || !regexp.MustCompile(`^account [0-9a-f]{24} created; boss@northside.example \(user [0-9a-f]{24}\) holds role super_admin\n$`).MatchString(out) {
		t.Fatalf("create-account: %v: %q", err, out)
	}
	for _, bad := range [][]string{
		{"-name", "X", "-email", "x@example.com", "-plan", "platinum"},
		{"-name", "X", "-email", "not-an-email"},
		{"-name", "", "-email", "x@example.com"},
		{"-name", "X", "-email", "x@example.com", "-password", "short"},
		{"-name", "X", "-email", "x@example.com", "-modules", "invoices,no_such_module"},
		{"-name", "X", "-email", "x@example.com", "-modules", "users"},
	} {
		out, err := run("a-long-password\n", bad...)
		if err == nil || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.HasPrefix(out, "console: invalid account: ") {
			t.Errorf("create-account %v: %v, %q; want one line and exit 1", bad, err, out)
		}
	}
	// Someone who signs in already keeps their password in the new account.
	if out, err := run("", "-name", "Westside Clinic", "-email", "boss@northside.example", "-password", "another-password-1"); err == nil || !strings.Contains(out, "keeps their password") || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("create-account -password for someone who signs in already: %v, %q; want one line refusing it", err, out)
	}
	if out, err := run("", "-name", "Westside Clinic", "-email", "Boss@Northside.example"); err != nil {
		t.Fatalf("create-account for someone who signs in already: %v: %q", err, out)
	}
	out, err = run("a-long-password\n", "-name", "Eastside Clinic", "-email", "boss@eastside.example", "-modules", "invoices, events")
	if err != nil {
		t.Fatalf("create-account -modules: %v: %q", err, out)
	}
	withModules := regexp.MustCompile(`^account ([0-9a-f]{24}) created`).FindStringSubmatch(out)
	addr := freeAddr(t)
	p := start(t, "ADDR="+addr, "DATA_DIR="+data)
	p.waitFor(t, regexp.MustCompile(`^Sign in with a user of an existing account\.$`))
	if got := login(t, addr, "boss@northside.example", "a-long-password"); got != 200 {
		t.Fatalf("signing in as the created account's owner: %d", got)
	}
	p.stop(t)
	st, err := store.Open(context.Background(), store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	boss, err := st.People.Get(context.Background(), "boss@northside.example")
	if err != nil || len(boss.Memberships) != 2 || boss.PasswordHash == "" {
		t.Errorf("the owner of two accounts: %+v (%v); want one person with two memberships and a password", boss, err)
	}
	a, err := st.Accounts.Get(context.Background(), withModules[1])
	if err != nil || !slices.Equal(a.Modules, []string{"events", "invoices"}) {
		t.Fatalf("the account made with -modules has %v (%v); want events and invoices, in catalog order", a.Modules, err)
	}
}

// PRESET=name make run: the demo account comes from that preset, and its
// first user holds the preset's top role.
func TestServeWithPreset(t *testing.T) {
	addr := freeAddr(t)
	p := start(t, "ADDR="+addr, "DATA_DIR="+t.TempDir(), "PRESET=clinic-six", "BOOTSTRAP_EMAIL=owner@clinic.example", "BOOTSTRAP_PASSWORD=owner-password-1")
	p.waitFor(t, regexp.MustCompile(`^Demo account created\. Sign in as owner@clinic\.example with the password from BOOTSTRAP_PASSWORD$`))
	body, _ := json.Marshal(api.LoginRequest{Email: "owner@clinic.example", Password: "owner-password-1"})
	res, err := http.Post("http://"+addr+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out api.LoginResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.User.RoleID != "owner" {
		t.Fatalf("signed in as %+v (%v)", out.User, err)
	}
	res.Body.Close()
	p.stop(t)
}
