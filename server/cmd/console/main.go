// Command console runs the Users & Roles console, or creates an account.
//
//	console                 serve (the default)
//	console serve
//	console create-account -name NAME -email EMAIL [-plan P] [-preset P] [-modules M,N] [-owner NAME] [-password PW | password on stdin]
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/config"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/preset"
)

func main() {
	args := os.Args[1:]
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(args)
	case "create-account":
		err = createAccount(args, os.Stdin, os.Stdout)
	default:
		err = fmt.Errorf("unknown command %q: use serve or create-account", cmd)
	}
	if err != nil {
		// One line, for people and for process supervisors alike.
		fmt.Fprintln(os.Stderr, "console:", strings.ReplaceAll(err.Error(), "\n", " "))
		os.Exit(1)
	}
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: console serve\n\nconfigured by environment:")
		for _, v := range config.Vars {
			fmt.Fprintf(fs.Output(), "  %-26s %s\n", v[0], v[1])
		}
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	s.Server.Logger = s.Logger()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := server.New(ctx, s.Server)
	if err != nil {
		return err
	}
	ln, err := listen(s)
	if err != nil {
		_ = srv.Shutdown(context.Background())
		return err
	}
	if err := debugVars(os.Getenv("DEBUG_ADDR")); err != nil {
		_ = srv.Shutdown(context.Background())
		return err
	}
	announce(s, srv)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served:
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return errors.Join(err, srv.Shutdown(shutdownCtx))
}

// listen opens the server's address: HTTPS when a certificate is given
// (TLS 1.2 at least, ASVS 9.1), else plain HTTP for a proxy to front.
func listen(s config.Settings) (net.Listener, error) {
	var tc *tls.Config
	if s.TLSCertFile != "" {
		cert, err := tls.LoadX509KeyPair(s.TLSCertFile, s.TLSKeyFile)
		if err != nil {
			return nil, fmt.Errorf("TLS_CERT_FILE, TLS_KEY_FILE: %w", err)
		}
		tc = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", s.Addr, err)
	}
	if tc != nil {
		ln = tls.NewListener(ln, tc)
	}
	return ln, nil
}

// announce tells the person who started the server where to sign in.
func announce(s config.Settings, srv *server.Server) {
	fmt.Printf("Users & Roles console: %s\n", s.PublicURL)
	if e := srv.Store.Embedded(); e != nil && s.Server.Store.EmbeddedAddr != "" {
		fmt.Printf("Other servers reach the store with MONGODB_URI=%s\n", e.OutsideURI())
	}
	switch d := srv.Demo; {
	case d == nil:
		fmt.Println("Sign in with a user of an existing account.")
	case d.Generated:
		fmt.Printf("Demo account created. Sign in as %s with password %s\n", d.Email, d.Password)
	default:
		fmt.Printf("Demo account created. Sign in as %s with the password from BOOTSTRAP_PASSWORD\n", d.Email)
	}
}

func createAccount(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("create-account", flag.ContinueOnError)
	name := fs.String("name", "", "account name (required)")
	email := fs.String("email", "", "email of the first user, who holds the preset's top role (required)")
	owner := fs.String("owner", "Owner", "name of the first user")
	pw := fs.String("password", "", "password of the first user; empty: read a line from standard input")
	planKey := fs.String("plan", plan.Default, "plan: starter, professional, business or enterprise")
	presetKey := fs.String("preset", preset.Default, "preset the roles come from")
	var modules []string
	fs.Func("modules", "comma-separated optional modules the account has on, instead of its preset's (\"\" for none)", func(v string) error {
		modules = []string{}
		for _, m := range strings.Split(v, ",") {
			if m = strings.TrimSpace(m); m != "" {
				modules = append(modules, m)
			}
		}
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	s.Server.Store.Logger = s.Logger()
	ctx := context.Background()
	st, err := store.Open(ctx, s.Server.Store)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	salts, err := server.PasswordSalts(s.Server)
	if err != nil {
		return err
	}
	// Someone who signs in to the console already becomes the first member
	// with the password they have: nobody chooses it for them.
	hash := ""
	if person, err := st.People.Get(ctx, auth.NormalizeEmail(*email)); err == nil {
		hash = person.PasswordHash
	} else if err != store.ErrNotFound {
		return err
	}
	switch {
	case hash != "" && *pw != "":
		return fmt.Errorf("%s signs in to the console already and keeps their password: leave out -password", *email)
	case hash == "" && *pw == "":
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password: pass -password or write it on standard input")
		}
		*pw = strings.TrimRight(line, "\r\n")
	}
	a, u, err := accounts.Create(ctx, st, accounts.New{
		Name: *name, Plan: *planKey, Preset: *presetKey, OwnerName: *owner, Email: *email, Password: *pw, PasswordHash: hash, Modules: modules, Salts: salts,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "account %s created; %s (user %s) holds role %s\n", a.ID, u.Email, u.ID, a.Members[u.ID].RoleID)
	return nil
}

// debugVars serves the process's runtime figures (goroutines, memory) as
// expvar JSON at /debug/vars, and its profiles at /debug/pprof/, on a
// loopback address, for load and soak runs; off unless DEBUG_ADDR is set.
func debugVars(addr string) error {
	if addr == "" {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("DEBUG_ADDR=%q must be a loopback address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("DEBUG_ADDR: %w", err)
	}
	expvar.Publish("goroutines", expvar.Func(func() any { return runtime.NumGoroutine() }))
	mux := http.NewServeMux()
	mux.Handle("/debug/vars", expvar.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	go func() { _ = http.Serve(ln, mux) }()
	return nil
}
