package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
)

const (
	// manyAccounts is how many accounts the busiest person belongs to:
	// a vendor's account manager, say.
	manyAccounts = 50
	signInTries  = 30
	manyEmail    = "front.desk@many.example"
	oneEmail     = "front.desk@one.example"
)

// signInCost compares the median sign-in of a person with memberships of
// manyAccounts accounts with one of a person with one, and with an
// unknown email, taken in turns on one server: a sign-in's work must not
// grow with, or tell, how many accounts the person belongs to.
func signInCost(bin, web string) ([]row, error) {
	dir, err := os.MkdirTemp("", "signin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	salts, err := server.PasswordSalts(server.Config{Store: store.Config{DataDir: dir}})
	if err != nil {
		return nil, err
	}
	pw := func(i int) string { return fmt.Sprintf("violet harbour lantern %d", i) }
	err = withStore(dir, func(ctx context.Context, st *store.Store) error {
		for i := range manyAccounts {
			if _, _, err := accounts.Create(ctx, st, accounts.New{Name: fmt.Sprintf("Clinic %d", i), OwnerName: "Front Desk", Email: manyEmail, Password: pw(0), Salts: salts}); err != nil {
				return err
			}
		}
		_, _, err := accounts.Create(ctx, st, accounts.New{Name: "Lone Clinic", OwnerName: "Front Desk", Email: oneEmail, Password: pw(0), Salts: salts})
		return err
	})
	if err != nil {
		return nil, err
	}
	srv, err := loadgen.StartIn(bin, web, dir)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	var many, one, unknown []time.Duration
	for i := range signInTries {
		for _, c := range []struct {
			email, pw string
			into      *[]time.Duration
		}{
			{manyEmail, pw(0), &many},
			{oneEmail, pw(0), &one},
		} {
			t0 := time.Now()
			if _, err := loadgen.SignInAs(srv.Base, c.email, c.pw); err != nil {
				return nil, fmt.Errorf("sign-in as %s: %w", c.email, err)
			}
			*c.into = append(*c.into, time.Since(t0))
		}
		// Each unknown email from an address of its own, so that no
		// throttle answers in its place.
		t0 := time.Now()
		if status := loginFrom(srv.Base, i, fmt.Sprintf("nobody%d@one.example", i), pw(0)); status != 401 {
			return nil, fmt.Errorf("sign-in as an unknown email answered %d", status)
		}
		unknown = append(unknown, time.Since(t0))
	}
	m, o, u := medianOf(many), medianOf(one), medianOf(unknown)
	ratio := float64(m) / float64(max(o, 1))
	return []row{{
		fmt.Sprintf("sign-in, person in %d accounts / in one", manyAccounts),
		fmt.Sprintf("%.2fx: p50 %s against %s; unknown email %s (%d tries each)", ratio, msText(m), msText(o), msText(u), signInTries),
		"<= 1.2x", ratio <= 1.2,
	}}, nil
}

func medianOf(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// loginFrom sends one sign-in from the i-th loopback address and returns
// the status.
func loginFrom(base string, i int, email, pw string) int {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 1, byte(1+i/250), byte(1+i%250))}}
	c := &http.Client{Timeout: time.Minute, Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
	b, _ := json.Marshal(api.LoginRequest{Email: email, Password: pw})
	res, err := c.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(b))
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}
