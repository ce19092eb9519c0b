package server_test

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/internal/testclock"
	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// beforePeople describes testdata/store-before-people.tar.gz: a data
// folder written by the server of before people existed (each account's
// user held its own password hash), with the demo clinic, Southside
// Clinic, and Sam, a member of both (staff in the demo clinic with
// two-factor sign-in on there, an admin in Southside, whose invitation
// they took while signed in), whose browser kept a session open.
type beforePeople struct {
	MadeAt        time.Time         `json:"made_at"`
	OwnerEmail    string            `json:"owner_email"`
	OwnerPassword string            `json:"owner_password"`
	SamEmail      string            `json:"sam_email"`
	SamPassword   string            `json:"sam_password"`
	SamNorthID    string            `json:"sam_north_id"`
	SamSouthID    string            `json:"sam_south_id"`
	SouthID       string            `json:"south_id"`
	TOTPSecret    string            `json:"totp_secret"`
	RecoveryCodes []string          `json:"recovery_codes"`
	Cookies       map[string]string `json:"cookies"`
	CSRF          string            `json:"csrf"`
}

// A store written before people existed keeps working: at start its users
// become people with memberships, once, and its sessions, second factors
// and audit are kept. Starting again changes nothing more.
func TestAStoreFromBeforePeopleKeepsWorking(t *testing.T) {
	dir := t.TempDir()
	untar(t, "testdata/store-before-people.tar.gz", dir)
	var fx beforePeople
	b, err := os.ReadFile(filepath.Join(dir, "fixture.json"))
	if err != nil || json.Unmarshal(b, &fx) != nil {
		t.Fatalf("reading the fixture: %v", err)
	}
	// The time the data was written, for the open session's lifetimes.
	clock := testclock.New(fx.MadeAt.Add(time.Minute))
	start := func() *servertest.Env {
		return servertest.Start(t, func(c *server.Config) { c.Store.DataDir = dir; c.Auth.Now = clock.Now })
	}
	for round := range 2 {
		e := start()
		if e.Server.Demo != nil {
			t.Fatal("a demo account was made on a store that has accounts")
		}
		t.Run("the open session goes on", func(t *testing.T) {
			if round > 0 {
				t.Skip("signed out in the first round")
			}
			c := e.Client()
			u, _ := url.Parse(e.URL)
			for name, value := range fx.Cookies {
				c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
			}
			c.CSRF = fx.CSRF
			var me api.Me
			c.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
			if me.Account.ID != fx.SouthID || me.User.ID != fx.SamSouthID {
				t.Fatalf("the kept session acts as %s in %s", me.User.ID, me.Account.ID)
			}
			c.Do("POST", "/api/v1/auth/logout", nil)
		})
		t.Run("the owner signs in and the audit is there", func(t *testing.T) {
			owner := e.Client()
			owner.Login(fx.OwnerEmail, fx.OwnerPassword)
			var page api.AuditPage
			owner.Do("GET", "/api/v1/audit", nil).Want(200).JSON(&page)
			var added bool
			for _, it := range page.Items {
				added = added || strings.Contains(it.Summary, "Sam Porter")
			}
			if !added {
				t.Errorf("the audit lost its entries: %+v", page.Items)
			}
		})
		t.Run("Sam signs in once, with the second factor, to both clinics", func(t *testing.T) {
			clock.Advance(time.Minute)
			sam := e.Client()
			// One second factor now, asked for at every sign-in: a code, then
			// one of the recovery codes.
			login := api.LoginRequest{Email: fx.SamEmail, Password: fx.SamPassword, RecoveryCode: fx.RecoveryCodes[0]}
			if round == 0 {
				login.RecoveryCode = ""
				login.Code, _ = totp.GenerateCode(fx.TOTPSecret, clock.Now())
			}
			var in api.LoginResponse
			sam.Do("POST", "/api/v1/auth/login", login).Want(200).JSON(&in)
			sam.CSRF = in.CSRFToken
			if len(in.Accounts) != 2 {
				t.Fatalf("the sign-in offers %+v; want both clinics", in.Accounts)
			}
			for _, a := range in.Accounts {
				if !a.Current {
					sam.Switch(a.ID, nil).Want(200)
				}
			}
			// Both clinics show it on: Southside, where Sam had none,
			// from the first time Sam opened it.
			for _, choice := range in.Accounts {
				a, err := e.Server.Store.Accounts.Get(t.Context(), choice.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range a.Members {
					if m.Email == fx.SamEmail && !m.TOTP {
						t.Errorf("%s shows Sam's second factor off", a.Name)
					}
				}
			}
		})
		t.Run("the users are people with memberships", func(t *testing.T) {
			st := e.Server.Store
			p, err := st.People.Get(t.Context(), fx.SamEmail)
			if err != nil || len(p.Memberships) != 2 || p.Memberships[fx.SamSouthID] != fx.SouthID || p.PasswordHash == "" {
				t.Fatalf("Sam as a person: %+v (%v)", p, err)
			}
			for collection, filter := range map[string]bson.M{"users": {"password_hash": bson.M{"$exists": true}}, "logins": {}} {
				if n, err := st.Database().Collection(collection).CountDocuments(t.Context(), filter); err != nil || n != 0 {
					t.Errorf("%s still holds %d documents of before (%v)", collection, n, err)
				}
			}
		})
		e.Stop()
	}
}

// untar unpacks a .tar.gz of regular files into dir.
func untar(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		} else if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, tr); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
}
