package main

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/shared/api"
)

// Two server processes behind one store: the first runs the embedded
// store on a fixed loopback address, the second reaches it through
// MONGODB_URI, with the credentials the first one printed. A session made on one works on the other, a permission
// change made on one is enforced by the other, a session signed out on one
// is refused by the other at once (each way), and failed sign-ins count
// across both.
func TestTwoProcessesOnOneStore(t *testing.T) {
	storeAddr, addrA, addrB := freeAddr(t), freeAddr(t), freeAddr(t)
	key := "TOTP_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
	a := start(t, "ADDR="+addrA, "DATA_DIR="+t.TempDir(), "EMBEDDED_STORE_ADDR="+storeAddr, key,
		"BOOTSTRAP_EMAIL=owner@two.example", "BOOTSTRAP_PASSWORD=two-process-pass-1")
	uri := a.waitFor(t, regexp.MustCompile(`^Other servers reach the store with MONGODB_URI=(\S+)$`))[1]
	a.waitFor(t, regexp.MustCompile(`^Demo account created`))
	b := start(t, "ADDR="+addrB, "MONGODB_URI="+uri, key)
	b.waitFor(t, regexp.MustCompile(`^Sign in with a user of an existing account\.$`))

	onA := newClient(t, addrA, "owner@two.example", "two-process-pass-1")
	onB := onA.At("http://" + addrB)
	if status, body := do(onB, "GET", "/api/v1/me", nil); status != 200 {
		t.Fatalf("A's session on B: %d %s", status, body)
	}
	if status, _ := do(onA, "POST", "/api/v1/users", api.CreateUser{Name: "S", Email: "staff@two.example", RoleID: "staff", Password: "staff-harbour-lantern-2"}); status != 201 {
		t.Fatalf("create on A: %d", status)
	}
	staffB := newClient(t, addrB, "staff@two.example", "staff-harbour-lantern-2")
	if status, _ := do(staffB, "GET", "/api/v1/audit", nil); status != 403 {
		t.Fatalf("before the grant: %d", status)
	}
	if status, _ := do(onA, "PUT", "/api/v1/roles/staff/permissions/audit.view", api.Toggle{Granted: ptr(true)}); status != 200 {
		t.Fatal("grant on A")
	}
	if status, _ := do(staffB, "GET", "/api/v1/audit", nil); status != 200 {
		t.Errorf("B did not enforce A's grant at once: %d", status)
	}
	var meB api.Me
	_, body := do(staffB, "GET", "/api/v1/me", nil)
	_ = json.Unmarshal(body, &meB)
	if meB.Account.Revision < 3 {
		t.Errorf("B serves revision %d", meB.Account.Revision)
	}
	for _, way := range [][2]string{{addrA, addrB}, {addrB, addrA}} {
		here := newClient(t, way[0], "owner@two.example", "two-process-pass-1")
		there := here.At("http://" + way[1])
		for _, c := range []*loadgen.Session{here, there} {
			if status, body := do(c, "GET", "/api/v1/me", nil); status != 200 {
				t.Fatalf("before the sign-out, on %s: %d %s", c.Base, status, body)
			}
		}
		if status, body := do(here, "POST", "/api/v1/auth/logout", nil); status != 204 {
			t.Fatalf("sign-out on %s: %d %s", way[0], status, body)
		}
		if status, _ := do(there, "GET", "/api/v1/me", nil); status != 401 {
			t.Errorf("signed out on %s, the session still works on %s: %d", way[0], way[1], status)
		}
	}
	for i := range 5 {
		addr := addrA
		if i%2 == 1 {
			addr = addrB
		}
		c := loadgen.NewSession("http://" + addr)
		do(c, "POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@two.example", Password: "wrong-password"})
	}
	c := loadgen.NewSession("http://" + addrA)
	if status, _ := do(c, "POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@two.example", Password: "staff-harbour-lantern-2"}); status != 429 {
		t.Errorf("failures on both processes were not counted together: %d", status)
	}
	b.stop(t)
	a.stop(t)
}
