package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
)

// newClient signs in to the console process at addr.
func newClient(t *testing.T, addr, email, pw string) *loadgen.Session {
	t.Helper()
	c, err := loadgen.SignInAs("http://"+addr, email, pw)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	return c
}

// do makes one request and returns its status (0 when no answer came) and
// body.
func do(c *loadgen.Session, method, path string, in any) (int, []byte) {
	status, body, _ := c.Do(method, path, in)
	return status, body
}

// SIGKILL during a burst of writes, then a restart: every write the
// server acknowledged is there, with its audit entry, and the account's
// invariants hold.
func TestKilledMidBurstLosesNoAcknowledgedWrite(t *testing.T) {
	addr, data := freeAddr(t), t.TempDir()
	env := []string{"ADDR=" + addr, "DATA_DIR=" + data, "BOOTSTRAP_EMAIL=owner@kill.example", "BOOTSTRAP_PASSWORD=kill-password-1"}
	p := start(t, env...)
	p.waitFor(t, regexp.MustCompile(`^Demo account created`))
	c := newClient(t, addr, "owner@kill.example", "kill-password-1")

	// Grants Read-Only does not hold yet, so that each is a change.
	readOnly, _ := preset.SaaSAdmin.Role("read_only")
	var grants []string
	for _, m := range perm.Modules(preset.SaaSAdmin.Modules) {
		for _, a := range m.Actions {
			if id := m.Key + "." + a.Key; !slices.Contains(readOnly.Permissions, id) {
				grants = append(grants, id)
			}
		}
	}
	var mu sync.Mutex
	var acked []string
	var invited []string
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(grants); i += 4 {
				if status, _ := do(c, "PUT", "/api/v1/roles/read_only/permissions/"+grants[i], api.Toggle{Granted: ptr(true)}); status == 200 {
					mu.Lock()
					acked = append(acked, grants[i])
					mu.Unlock()
				}
				email := fmt.Sprintf("k%d-%d@kill.example", w, i)
				if status, _ := do(c, "POST", "/api/v1/users", api.CreateUser{Name: "K", Email: email, RoleID: "staff"}); status == 201 {
					mu.Lock()
					invited = append(invited, email)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	_ = p.cmd.Wait()
	if len(acked) == 0 {
		t.Fatal("nothing was acknowledged before the kill; the test proves nothing")
	}

	again := start(t, env...)
	again.waitFor(t, regexp.MustCompile(`^Sign in with a user of an existing account\.$`))
	c = newClient(t, addr, "owner@kill.example", "kill-password-1")
	var role api.Role
	_, body := do(c, "GET", "/api/v1/roles/read_only", nil)
	_ = json.Unmarshal(body, &role)
	for _, g := range acked {
		if !slices.Contains(role.Permissions, g) {
			t.Errorf("acknowledged grant %s is lost", g)
		}
	}
	var users api.UserList
	_, body = do(c, "GET", "/api/v1/users?limit=200", nil)
	_ = json.Unmarshal(body, &users)
	var emails []string
	for _, u := range users.Items {
		emails = append(emails, u.Email)
	}
	for _, e := range invited {
		if !slices.Contains(emails, e) {
			t.Errorf("acknowledged invitation of %s is lost", e)
		}
	}
	var acct api.Account
	_, body = do(c, "GET", "/api/v1/account", nil)
	_ = json.Unmarshal(body, &acct)
	if acct.Seats.Used > acct.Seats.Limit || acct.Seats.Used != len(users.Items) {
		t.Errorf("seats %+v for %d users", acct.Seats, len(users.Items))
	}
	var audit api.AuditPage
	_, body = do(c, "GET", "/api/v1/audit?limit=200", nil)
	_ = json.Unmarshal(body, &audit)
	recorded := map[string]bool{}
	for _, it := range audit.Items {
		recorded[it.Summary] = true
	}
	for _, g := range acked {
		if !recorded["Granted "+g+" for Read-Only"] {
			t.Errorf("acknowledged grant %s has no audit entry", g)
		}
	}
	t.Logf("killed after %d acknowledged grants and %d acknowledged invitations; all there after the restart", len(acked), len(invited))
	again.stop(t)
}

func ptr[T any](v T) *T { return &v }
