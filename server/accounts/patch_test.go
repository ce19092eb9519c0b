package accounts_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

func ptr[T any](v T) *T { return &v }

// Patch judges each change by the account's rules, inside the one atomic
// update: a refused change writes nothing.
func TestPatch(t *testing.T) {
	manager := role.Role{ID: "manager", Name: "Manager", Color: "teal", Permissions: []string{"account.view", "account.manage"}}
	tn := servertest.NewTenant(t, []role.Role{manager}, "manager")
	st, owner := tn.Store, tn.As["super_admin"]
	svc := accounts.NewService(st, tn.Auth.SessionLimits())

	relaxed := owner.Account.Policy
	relaxed.PasswordMinLength = account.PasswordMinLengthFloor
	fill := func(n int) {
		t.Helper()
		if _, err := st.Accounts.Update(context.Background(), owner.Account.ID, func(a *tenant.Account) error {
			for i := range n {
				a.Members[accounts.NewID()] = tenant.Member{Name: "Staff", Email: "staff" + string(rune('a'+i)) + "@accounts.example", RoleID: "staff", Status: rules.StatusActive}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name  string
		who   *auth.Principal
		setUp func()
		in    api.PatchAccount
		code  string
	}{
		{"an empty name", owner, nil, api.PatchAccount{Name: ptr("  ")}, api.CodeInvalidInput},
		{"an unknown plan", owner, nil, api.PatchAccount{Plan: ptr("platinum")}, api.CodeInvalidInput},
		{"a manager changes the plan", tn.As["manager"], nil, api.PatchAccount{Plan: ptr("enterprise")}, api.CodeForbidden},
		{"a manager lowers the password minimum", tn.As["manager"], nil, api.PatchAccount{Policy: &relaxed}, api.CodeEscalation},
		{"a manager renames it", tn.As["manager"], nil, api.PatchAccount{Name: ptr("Sunrise")}, ""},
		{"fewer seats than are in use", owner, func() { fill(1) }, api.PatchAccount{Plan: ptr("starter")}, api.CodeSeatLimitReached},
		{"idle sessions past the operator's limit", owner, nil, api.PatchAccount{Policy: func() *account.Policy {
			p := owner.Account.Policy
			p.SessionIdleMinutes = 100000
			return &p
		}()}, api.CodeInvalidInput},
		{"the owner renames it", owner, nil, api.PatchAccount{Name: ptr("Sunrise Clinic")}, ""},
		{"the owner lowers the password minimum", owner, nil, api.PatchAccount{Policy: &relaxed}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.setUp != nil {
				c.setUp()
			}
			before, err := st.Accounts.Get(context.Background(), owner.Account.ID)
			if err != nil {
				t.Fatal(err)
			}
			_, err = svc.Patch(context.Background(), c.who, c.in)
			var no *rules.Refusal
			switch {
			case c.code == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.code != "" && (!errors.As(err, &no) || no.Code != c.code):
				t.Fatalf("answered %v; want %s", err, c.code)
			}
			after, err := st.Accounts.Get(context.Background(), owner.Account.ID)
			if err != nil {
				t.Fatal(err)
			}
			if wrote := after.Revision != before.Revision; wrote != (c.code == "") {
				t.Errorf("revision %d -> %d", before.Revision, after.Revision)
			}
		})
	}
}
