package httpapi_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
)

// The store stops in the middle of a burst of writes: every request
// answers within a bounded time, with success or 503 unavailable; when the
// store is back, the server serves again by itself, every acknowledged
// write is there with its audit entry, and the account and the user
// documents agree: no member without a user document.
func TestStoreStopsMidTraffic(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Store.Timeout = time.Second })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	readOnly, _ := preset.SaaSAdmin.Role("read_only")
	var grants []string
	for _, g := range []string{"events.create", "events.edit", "events.delete", "events.manage", "contacts.create", "contacts.edit",
		"contacts.delete", "contacts.manage", "invoices.create", "invoices.edit", "invoices.delete", "invoices.manage", "audit.view", "security.view"} {
		if !slices.Contains(readOnly.Permissions, g) {
			grants = append(grants, g)
		}
	}
	var mu sync.Mutex
	var acked []string
	statuses := map[int]int{}
	slowest := time.Duration(0)
	var wg sync.WaitGroup
	for i, g := range grants {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 15 * time.Millisecond)
			t0 := time.Now()
			res := owner.Do("PUT", "/api/v1/roles/read_only/permissions/"+g, granted(true))
			inv := owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "I", Email: fmt.Sprintf("i%d@outage.example", i), RoleID: "staff"})
			mu.Lock()
			defer mu.Unlock()
			slowest = max(slowest, time.Since(t0))
			statuses[res.Status]++
			statuses[inv.Status]++
			if res.Status == 200 {
				acked = append(acked, g)
			}
			if res.Status != 200 && res.Status != 503 {
				t.Errorf("toggle answered %d %s", res.Status, res.Body)
			}
			if inv.Status != 201 && inv.Status != 503 {
				t.Errorf("invite answered %d %s", inv.Status, inv.Body)
			}
		}()
	}
	time.Sleep(60 * time.Millisecond)
	emb := e.Server.Store.Embedded()
	emb.Stop()
	wg.Wait()
	if slowest > 20*time.Second {
		t.Errorf("a request took %v while the store was down", slowest)
	}
	if statuses[503] == 0 {
		t.Fatalf("no request met the outage (%v); the test proves nothing", statuses)
	}
	if err := emb.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for owner.Do("GET", "/readyz", nil).Status != 200 {
		if time.Now().After(deadline) {
			t.Fatal("not ready after the store came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
	role := getRole(t, owner, "read_only")
	for _, g := range acked {
		if !slices.Contains(role.Permissions, g) {
			t.Errorf("acknowledged grant %s is lost", g)
		}
	}
	summaries := map[string]bool{}
	for _, it := range auditPage(t, owner, "?limit=200").Items {
		summaries[it.Summary] = true
	}
	for _, g := range acked {
		if !summaries["Granted "+g+" for Read-Only"] {
			t.Errorf("acknowledged grant %s has no audit entry", g)
		}
	}
	a := account(t, e)
	for id := range a.Members {
		if _, err := e.Server.Store.Users.Get(t.Context(), a.ID, id); err != nil {
			t.Errorf("member %s has no user document: %v", id, err)
		}
	}
	t.Logf("answers %v; %d grants acknowledged, all there; slowest %v", statuses, len(acked), slowest.Round(time.Millisecond))
}
