package store_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"
	"unsafe"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// bigAccount is an account of 50 roles of 150 permissions and 50 members.
func bigAccount(t *testing.T, st *store.Store) *tenant.Account {
	t.Helper()
	a := &tenant.Account{ID: "acct", Name: "Big", Plan: "enterprise", Members: map[string]tenant.Member{}, Revision: 1, CreatedAt: time.Now()}
	var perms []string
	for i := range 150 {
		perms = append(perms, fmt.Sprintf("module%02d.action%02d", i/10, i%10))
	}
	for i := range 50 {
		a.Roles = append(a.Roles, role.Role{ID: fmt.Sprint("role", i), Name: fmt.Sprint("Role ", i), Permissions: perms})
		a.Members[fmt.Sprint("user", i)] = tenant.Member{Name: fmt.Sprint("User ", i), Email: fmt.Sprint("user", i, "@example.com"), RoleID: fmt.Sprint("role", i), Status: rules.StatusActive}
	}
	if err := st.Accounts.Insert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// toggle revokes or grants one permission of one role, with its audit record.
func toggle(st *store.Store, roleIdx, permIdx int, granted bool) error {
	_, err := st.Accounts.Update(context.Background(), "acct", func(a *tenant.Account) error {
		r := &a.Roles[roleIdx]
		p := fmt.Sprintf("module%02d.action%02d", permIdx/10, permIdx%10)
		var kept []string
		for _, g := range r.Permissions {
			if g != p {
				kept = append(kept, g)
			}
		}
		if granted {
			kept = append(kept, p)
		}
		r.Permissions = kept
		a.Record(tenant.AuditRecord{Action: "role.permission", Summary: fmt.Sprint(roleIdx, p, granted), At: time.Now()})
		return nil
	})
	return err
}

// One toggle on a big account stores its change, not the account: the
// version document is a small part of the account document. Sizes are
// reported as figures.
func TestARevisionStoresWhatChanged(t *testing.T) {
	st := open(t)
	a := bigAccount(t, st)
	if err := toggle(st, 7, 3, false); err != nil {
		t.Fatal(err)
	}
	whole, _ := bson.Marshal(a)
	v, err := st.Database().Collection("account_versions").FindOne(context.Background(), bson.M{"_id": "acct:000000000002"}).Raw()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("account %d B, version of one toggle %d B", len(whole), len(v))
	if len(v)*20 > len(whole) {
		t.Fatalf("a toggle's version holds %d B of a %d B account", len(v), len(whole))
	}
	got, err := st.Accounts.Get(context.Background(), "acct")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.Roles[7].Permissions); n != 149 || got.Revision != 2 || len(got.Members) != 50 {
		t.Fatalf("read back role 7 with %d permissions at revision %d, %d members", n, got.Revision, len(got.Members))
	}
}

// Changes of every kind survive the walk through versions: a field, a
// member added, changed and removed, a map entry set and cleared, a role's
// permissions, roles added and removed. A second store reads the account by
// walking the versions from the document it cached at the start.
func TestChangesReadBackThroughTheVersions(t *testing.T) {
	st := open(t)
	bigAccount(t, st)
	ctx := context.Background()
	other := secondServer(t, st)
	if _, err := other.Accounts.Current(ctx, "acct"); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	changes := []func(a *tenant.Account){
		func(a *tenant.Account) { a.Name = "Renamed" },
		func(a *tenant.Account) {
			a.Members["new.user$1"] = tenant.Member{Name: "New", Status: rules.StatusInvited, InviteExpiresAt: &now}
		},
		func(a *tenant.Account) {
			m := a.Members["user3"]
			m.Status = rules.StatusDisabled
			a.Members["user3"] = m
		},
		func(a *tenant.Account) { delete(a.Members, "user4") },
		func(a *tenant.Account) { a.Undone = map[string]string{"x": "y"} },
		func(a *tenant.Account) { a.Undone = nil },
		func(a *tenant.Account) { a.Roles[2].Permissions = a.Roles[2].Permissions[:3] },
		func(a *tenant.Account) { a.Roles = append(a.Roles, role.Role{ID: "extra", Name: "Extra"}) },
		func(a *tenant.Account) { a.Roles = a.Roles[1:] },
		func(a *tenant.Account) {
			m := a.Members["new.user$1"]
			m.InviteExpiresAt = nil
			a.Members["new.user$1"] = m
		},
		func(a *tenant.Account) { a.Modules = []string{"billing"} },
	}
	var want *tenant.Account
	var err error
	for _, c := range changes {
		if want, err = st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error { c(a); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range map[string]*store.Store{"writer": st, "other server": other} {
		got, err := s.Accounts.Current(ctx, "acct")
		if err != nil {
			t.Fatal(err)
		}
		if g, w := comparable(got), comparable(want); g != w {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			from := max(i-200, 0)
			t.Errorf("%s read ...%s\nwant ...%s", name, g[from:min(i+200, len(g))], w[from:min(i+200, len(w))])
		}
	}
}

// comparable is the account as encoded, members one by one in order:
// maps are encoded in any order.
func comparable(a *tenant.Account) string {
	c := *a
	c.Members = nil
	raw, _ := bson.Marshal(c)
	out := bson.Raw(raw).String()
	ids := slices.Sorted(maps.Keys(a.Members))
	for _, id := range ids {
		m, _ := bson.Marshal(a.Members[id])
		out += "\n" + id + ": " + bson.Raw(m).String()
	}
	return out
}

// Fifty writers at once, each toggling its own cell with an audit record,
// from two stores sharing the embedded one (two servers): every write is
// applied once, with one revision and one audit record each, whoever wins
// each race.
func TestConcurrentTogglesAreEachAppliedOnce(t *testing.T) {
	st := open(t)
	bigAccount(t, st)
	ctx := context.Background()
	other := secondServer(t, st)
	for round := range 3 {
		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for i := range 50 {
			s := []*store.Store{st, other}[i%2]
			wg.Go(func() {
				errs <- toggle(s, i%50, round*2, false)
				errs <- toggle(s, i%50, round*2+1, false)
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	a, err := st.Accounts.Get(ctx, "acct")
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.Database().Collection("audit").CountDocuments(ctx, bson.M{"account_id": "acct"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Revision != 301 || a.AuditCount != 300 || n != 300 {
		t.Fatalf("after 300 writes: revision %d, %d audit records numbered, %d stored", a.Revision, a.AuditCount, n)
	}
	for i, r := range a.Roles {
		if len(r.Permissions) != 144 {
			t.Fatalf("role %d holds %d permissions; want 144", i, len(r.Permissions))
		}
	}
}

// A change may store strings that share a buffer reused after the request
// (the web framework's path parameters do): what the server keeps of the
// account does not change when that buffer does.
func TestWhatAServerKeepsOutlivesTheRequestsBuffers(t *testing.T) {
	st := open(t)
	newAccount(t, st)
	ctx := context.Background()
	buf := []byte("member-one")
	key := unsafe.String(&buf[0], len(buf))
	for _, name := range []string{"First", "Second"} {
		if _, err := st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error {
			a.Members[key] = tenant.Member{Name: name, Status: rules.StatusActive}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	copy(buf, "xxxxxxxxxx")
	a, err := st.Accounts.Current(ctx, "acct")
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := a.Members["member-one"]; !ok || m.Name != "Second" || len(a.Members) != 1 {
		t.Fatalf("kept %v", a.Members)
	}
}
