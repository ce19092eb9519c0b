package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
)

// The image runs the server as an unprivileged user over a web folder that
// root built: every built file must be readable by it, or the server stops
// at start. Here without Docker: the binary and a copy of web/ as the
// Makefile built it (modes kept) in a folder anyone may enter, run as
// nobody, which then signs in and fetches the compressed UI.
func TestServesAsAnUnprivilegedUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to start the server as another user (CI runs as root)")
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Skip("no user nobody here")
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	gid, _ := strconv.Atoi(nobody.Gid)
	root, err := os.MkdirTemp("", "unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	web, data, bin := filepath.Join(root, "web"), filepath.Join(root, "data"), filepath.Join(root, "console")
	for _, dir := range []string{root, web} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(data, uid, gid); err != nil {
		t.Fatal(err)
	}
	copyKeepingMode(t, binary, bin)
	built := filepath.Join(servertest.ModuleRoot(t), "web")
	entries, err := os.ReadDir(built)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			copyKeepingMode(t, filepath.Join(built, e.Name()), filepath.Join(web, e.Name()))
		}
	}

	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATA_DIR="+data, "WEB_DIR="+web, "LOG_LEVEL=warn", "HOME="+data)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	p := run(t, cmd)
	creds := p.waitFor(t, regexp.MustCompile(`Sign in as (\S+) with password (\S+)$`))
	if got := login(t, addr, creds[1], creds[2]); got != 200 {
		t.Fatalf("signing in to the server run as nobody: %d", got)
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "br" || n == 0 {
		t.Fatalf("the compressed UI: %d, %q, %d bytes", res.StatusCode, res.Header.Get("Content-Encoding"), n)
	}
	p.stop(t)
}

func copyKeepingMode(t *testing.T, from, to string) {
	t.Helper()
	st, err := os.Stat(from)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, st.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(to, st.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
}
