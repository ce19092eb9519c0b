package servertest

import (
	"context"
	"errors"
	"testing"
	"time"

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
	// Tokens are their session cookies, by role id.
	Tokens map[string]string
}

// NewTenant opens a store in a temporary folder with one account of the
// default preset (its owner holds the top role), gives it the extra roles,
// and signs in one active member of each role named.
func NewTenant(t *testing.T, extra []role.Role, roleIDs ...string) *Tenant {
	t.Helper()
	return NewTenantWith(t, auth.Config{}, extra, roleIDs...)
}

// NewTenantWith is NewTenant with the sign-in service set up by cfg: its
// lockout limits, its clock.
func NewTenantWith(t *testing.T, cfg auth.Config, extra []role.Role, roleIDs ...string) *Tenant {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	sessions, err := auth.New(st, cfg)
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
	tn := &Tenant{Store: st, Auth: sessions, ID: acct.ID, As: map[string]*auth.Principal{}, Tokens: map[string]string{}}
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
		tn.As[p.Member.RoleID], tn.Tokens[p.Member.RoleID] = p, in.Token
	}
	return tn
}

// Fresh is the member of the role as their next request finds them: the
// account as it is now.
func (tn *Tenant) Fresh(t *testing.T, roleID string) *auth.Principal {
	t.Helper()
	p, err := tn.Auth.Authenticate(context.Background(), tn.Tokens[roleID])
	if err != nil {
		t.Fatalf("%s: %v", roleID, err)
	}
	return p
}

// Add makes a member of the account with the role and status, who signs in
// with Password while active, and returns their id.
func (tn *Tenant) Add(t *testing.T, email, roleID, status string) string {
	t.Helper()
	ctx := context.Background()
	id := accounts.NewID()
	hash, err := tn.Auth.HashPassword(email, Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Store.Users.Insert(ctx, &store.User{ID: id, AccountID: tn.ID, Email: email, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	tn.Change(t, func(a *tenant.Account) {
		a.Members[id] = tenant.Member{Name: "Member " + email, Email: email, RoleID: roleID, Status: status, CreatedAt: time.Now().UTC()}
	})
	return id
}

// Change writes a change of the account, as a set-up: no rule, no audit.
func (tn *Tenant) Change(t *testing.T, change func(a *tenant.Account)) {
	t.Helper()
	if _, err := tn.Store.Accounts.Update(context.Background(), tn.ID, func(a *tenant.Account) error { change(a); return nil }); err != nil {
		t.Fatal(err)
	}
}

// Account is the account as stored now.
func (tn *Tenant) Account(t *testing.T) *tenant.Account {
	t.Helper()
	a, err := tn.Store.Accounts.Get(context.Background(), tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// CodeOf is the code a service's answer would carry to the API: a rule's
// refusal's own, "not_found" for what does not exist, "unauthenticated"
// for a principal the account no longer lets act; "" for none. Anything
// else fails the test.
func CodeOf(t testing.TB, err error) string {
	t.Helper()
	var no *rules.Refusal
	switch {
	case err == nil:
		return ""
	case errors.As(err, &no):
		return no.Code
	case errors.Is(err, store.ErrNotFound):
		return rules.CodeNotFound
	case errors.Is(err, auth.ErrUnauthenticated):
		return "unauthenticated"
	}
	t.Fatalf("not a refusal: %v", err)
	return ""
}
