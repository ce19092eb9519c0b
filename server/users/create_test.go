package users_test

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Create judges a new user by the fields, the seats, the role's cap and
// whether the role is the creator's to give, in one atomic change: a
// refused one writes no membership and leaves no user document behind.
func TestCreate(t *testing.T) {
	desk := role.Role{ID: "desk", Name: "Front desk", Color: "teal", Rank: 5, MaxHolders: 1, Permissions: []string{"contacts.view"}}
	tn := servertest.NewTenant(t, []role.Role{desk}, "admin", "staff")
	svc := service(t, tn)
	ctx := context.Background()
	plan := func(key string) func() { return func() { tn.Change(t, func(a *tenant.Account) { a.Plan = key }) } }
	cases := []struct {
		name  string
		who   string
		setUp func()
		in    api.CreateUser
		code  string
	}{
		{"no name", "admin", nil, api.CreateUser{Name: " ", Email: "a@users.example", RoleID: "staff"}, api.CodeInvalidInput},
		{"not an email", "admin", nil, api.CreateUser{Name: "Ann", Email: "ann at users", RoleID: "staff"}, api.CodeInvalidInput},
		{"a short password", "admin", nil, api.CreateUser{Name: "Ann", Email: "ann@users.example", RoleID: "staff", Password: "short"}, api.CodeInvalidInput},
		{"a taken email, in another case", "admin", nil, api.CreateUser{Name: "Ann", Email: "Staff@Tenant.example", RoleID: "staff"}, api.CodeEmailTaken},
		{"no such role", "admin", nil, api.CreateUser{Name: "Ann", Email: "ann@users.example", RoleID: "pilot"}, api.CodeInvalidInput},
		{"staff may not add users", "staff", nil, api.CreateUser{Name: "Ann", Email: "ann@users.example", RoleID: "staff"}, api.CodeForbidden},
		{"an admin gives the super admin role", "admin", nil, api.CreateUser{Name: "Ann", Email: "ann@users.example", RoleID: "super_admin"}, api.CodeEscalation},
		{"every seat taken", "admin", plan("starter"), api.CreateUser{Name: "Ann", Email: "ann@users.example", RoleID: "staff"}, api.CodeSeatLimitReached},
		{"an invitation", "admin", plan("enterprise"), api.CreateUser{Name: "Ann", Email: "ann@users.example", RoleID: "desk"}, ""},
		{"the role's cap reached", "admin", nil, api.CreateUser{Name: "Bob", Email: "bob@users.example", RoleID: "desk"}, api.CodeRoleCapReached},
		{"with a password", "admin", nil, api.CreateUser{Name: "Cy", Email: "cy@users.example", RoleID: "staff", Password: "a long enough passphrase"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.setUp != nil {
				c.setUp()
			}
			before := tn.Account(t).Revision
			known := memberships(t, tn, c.in.Email)
			id, m, err := svc.Create(ctx, tn.Fresh(t, c.who), c.in)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
			if c.code != "" {
				unchanged(t, tn, before)
				if left := memberships(t, tn, c.in.Email); left != known {
					t.Errorf("a refused create left %d memberships of %s, had %d", left, c.in.Email, known)
				}
				return
			}
			want := rules.StatusInvited
			if c.in.Password != "" {
				want = rules.StatusActive
			}
			if stored := tn.Account(t).Members[id]; stored.Status != want || stored.RoleID != c.in.RoleID || m.Status != want {
				t.Errorf("stored %+v, answered %+v; want %s", stored, m, want)
			}
			if in := signsIn(t, tn, c.in.Email, c.in.Password); in != (c.in.Password != "") {
				t.Errorf("%s signs in: %v", c.in.Email, in)
			}
		})
	}
}

// A burst of 50 invitations at once fills the free seats and no more:
// each is judged inside its own atomic change, and the refused ones leave
// no user document behind.
func TestCreateBurstKeepsTheSeatLimit(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin")
	tn.Change(t, func(a *tenant.Account) { a.Plan = "business" })
	svc := service(t, tn)
	ctx := context.Background()
	p := tn.Fresh(t, "admin")
	free := 15 - tn.Account(t).SeatsUsed()
	const n = 50
	codes := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, _, errs[i] = svc.Create(ctx, p, api.CreateUser{Name: "Guest " + strconv.Itoa(i), Email: "guest" + strconv.Itoa(i) + "@users.example", RoleID: "staff"})
		})
	}
	wg.Wait()
	added := 0
	for i, err := range errs {
		codes[i] = servertest.CodeOf(t, err)
		switch codes[i] {
		case "":
			added++
		case api.CodeSeatLimitReached:
		default:
			t.Errorf("invitation %d: %v", i, err)
		}
	}
	a := tn.Account(t)
	if added != free || a.SeatsUsed() != 15 {
		t.Errorf("%d of %d invitations taken with %d seats free; %d seats in use", added, n, free, a.SeatsUsed())
	}
	for i := range n {
		left := memberships(t, tn, "guest"+strconv.Itoa(i)+"@users.example")
		if want := map[bool]int{true: 1, false: 0}[codes[i] == ""]; left != want {
			t.Errorf("guest %d (%q): %d memberships", i, codes[i], left)
		}
	}
}

// memberships counts the logins of the person with this email.
func memberships(t *testing.T, tn *servertest.Tenant, email string) int {
	t.Helper()
	p, err := tn.Store.People.Get(context.Background(), email)
	if err == store.ErrNotFound {
		return 0
	} else if err != nil {
		t.Fatal(err)
	}
	return len(p.Memberships)
}
