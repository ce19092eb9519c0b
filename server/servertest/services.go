package servertest

import (
	"context"
	"testing"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Tenant is one account on a real embedded store, for a service's own
// tests: no HTTP, the principals the service methods take.
type Tenant struct {
	Store *store.Store
	Auth  *auth.Service
	ID    string
	// As are the signed-in members, by role id ("super_admin" is the
	// owner).
	As map[string]*auth.Principal
}

// NewTenant opens a store in a temporary folder with one account of the
// default preset (its owner holds the top role), gives it the extra roles,
// and signs in one active member of each role named.
func NewTenant(t *testing.T, extra []role.Role, roleIDs ...string) *Tenant {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	sessions, err := auth.New(st, auth.Config{})
	if err != nil {
		t.Fatal(err)
	}
	const owner = "owner@tenant.example"
	acct, _, err := accounts.Create(ctx, st, accounts.New{Name: "Clinic", OwnerName: "Owner", Email: owner, Password: Password, Plan: "enterprise"})
	if err != nil {
		t.Fatal(err)
	}
	type member struct{ id, email, roleID string }
	var members []member
	for _, roleID := range roleIDs {
		m := member{id: accounts.NewID(), email: roleID + "@tenant.example", roleID: roleID}
		hash, err := sessions.HashPassword(m.email, Password)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Users.Insert(ctx, &store.User{ID: m.id, AccountID: acct.ID, Email: m.email, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
		members = append(members, m)
	}
	if _, err := st.Accounts.Update(ctx, acct.ID, func(a *tenant.Account) error {
		a.Roles = append(a.Roles, extra...)
		for _, m := range members {
			a.Members[m.id] = tenant.Member{Name: "Member " + m.roleID, Email: m.email, RoleID: m.roleID, Status: rules.StatusActive}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	tn := &Tenant{Store: st, Auth: sessions, ID: acct.ID, As: map[string]*auth.Principal{}}
	emails := []string{owner}
	for _, m := range members {
		emails = append(emails, m.email)
	}
	for _, email := range emails {
		in, err := sessions.Login(ctx, auth.Attempt{Email: email, Password: Password})
		if err != nil {
			t.Fatal(err)
		}
		p, err := sessions.Authenticate(ctx, in.Token)
		if err != nil {
			t.Fatal(err)
		}
		tn.As[p.Member.RoleID] = p
	}
	return tn
}
