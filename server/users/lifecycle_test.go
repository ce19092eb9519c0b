package users_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Act runs the lifecycle in the rules' order: the permission, the takeover
// rule, the transition, the last super admin, not oneself, then the seats.
// A login going away ends its sessions at once; one coming back signs in.
func TestAct(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin", "staff")
	svc := service(t, tn)
	ctx := context.Background()
	owner, admin, staff := tn.As["super_admin"].Session.UserID, tn.As["admin"].Session.UserID, tn.As["staff"].Session.UserID
	plan := func(key string) func() { return func() { tn.Change(t, func(a *tenant.Account) { a.Plan = key }) } }
	cases := []struct {
		name, who, id, action string
		setUp                 func()
		code                  string
		status                string // the user's status after, when allowed
	}{
		{"the last super admin disables themselves", "super_admin", owner, rules.ActDisable, nil, api.CodeLastSuperAdmin, ""},
		{"the last super admin deletes themselves", "super_admin", owner, rules.ActDelete, nil, api.CodeLastSuperAdmin, ""},
		{"an admin disables the super admin", "admin", owner, rules.ActDisable, nil, api.CodeEscalation, ""},
		{"staff disables an admin", "staff", admin, rules.ActDisable, nil, api.CodeForbidden, ""},
		{"an admin disables themselves", "admin", admin, rules.ActDisable, nil, api.CodeSelfRestriction, ""},
		{"an active user invited", "admin", staff, rules.ActInvite, nil, api.CodeInvalidState, ""},
		{"an unknown action", "admin", staff, "fly", nil, api.CodeInvalidInput, ""},
		{"no such user", "admin", "u-nobody", rules.ActDisable, nil, api.CodeNotFound, ""},
		{"an admin disables staff", "admin", staff, rules.ActDisable, nil, "", rules.StatusDisabled},
		{"an admin enables staff", "admin", staff, rules.ActEnable, nil, "", rules.StatusActive},
		{"an admin revokes staff", "admin", staff, rules.ActRevoke, nil, "", rules.StatusRevoked},
		{"invited anew with every seat taken", "admin", staff, rules.ActInvite, plan("starter"), api.CodeSeatLimitReached, ""},
		{"invited anew with a seat free", "admin", staff, rules.ActInvite, plan("enterprise"), "", rules.StatusInvited},
		{"an admin deletes staff", "admin", staff, rules.ActDelete, nil, "", rules.StatusDeleted},
		{"an admin restores staff", "admin", staff, rules.ActRestore, nil, "", rules.StatusInvited},
		{"purged before deletion", "admin", staff, rules.ActPurge, nil, api.CodeInvalidState, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.setUp != nil {
				c.setUp()
			}
			before := tn.Account(t).Revision
			m, err := svc.Act(ctx, tn.Fresh(t, c.who), c.id, c.action)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
			if c.code != "" {
				unchanged(t, tn, before)
				return
			}
			if stored := tn.Account(t).Members[c.id]; stored.Status != c.status || m.Status != c.status {
				t.Errorf("stored %s, answered %s; want %s", stored.Status, m.Status, c.status)
			}
		})
	}
	// Staff's session ended with the first disable, and stays ended.
	if _, err := tn.Auth.Authenticate(ctx, tn.Tokens["staff"]); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("the disabled user's session: %v", err)
	}
	if _, err := svc.Act(ctx, tn.Fresh(t, "admin"), staff, rules.ActDelete); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Act(ctx, tn.Fresh(t, "admin"), staff, rules.ActPurge); err != nil {
		t.Fatal(err)
	}
	if _, gone := tn.Account(t).Members[staff]; gone {
		t.Error("purged, yet a member")
	}
	if left := memberships(t, tn, "staff@tenant.example"); left != 0 {
		t.Errorf("purged, yet %d memberships", left)
	}
}

// Disabling the session's own user ends it; enabling them lets them sign
// in again, their old session staying ended.
func TestDisableEndsSessions(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin", "staff")
	svc := service(t, tn)
	ctx := context.Background()
	staff := tn.As["staff"].Session.UserID
	if _, err := svc.Act(ctx, tn.Fresh(t, "admin"), staff, rules.ActDisable); err != nil {
		t.Fatal(err)
	}
	if _, err := tn.Auth.Authenticate(ctx, tn.Tokens["staff"]); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("a disabled user's session answered %v", err)
	}
	if signsIn(t, tn, "staff@tenant.example", servertest.Password) {
		t.Error("a disabled user signed in")
	}
	if _, err := svc.Act(ctx, tn.Fresh(t, "admin"), staff, rules.ActEnable); err != nil {
		t.Fatal(err)
	}
	if !signsIn(t, tn, "staff@tenant.example", servertest.Password) {
		t.Error("an enabled user cannot sign in")
	}
	if _, err := tn.Auth.Authenticate(ctx, tn.Tokens["staff"]); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("the session ended by the disable came back: %v", err)
	}
}

// Two super admins disabling each other in a burst of 50 leave one: each
// disable is judged against the account as it is inside its own update.
func TestLastSuperAdminUnderABurst(t *testing.T) {
	tn := servertest.NewTenant(t, nil)
	second := tn.Add(t, "second@users.example", "super_admin", rules.StatusActive)
	in, err := tn.Auth.Login(context.Background(), auth.Attempt{Email: "second@users.example", Password: servertest.Password})
	if err != nil {
		t.Fatal(err)
	}
	other, err := tn.Auth.Authenticate(context.Background(), in.Token)
	if err != nil {
		t.Fatal(err)
	}
	owner := tn.Fresh(t, "super_admin")
	if n := users.ActiveSuperAdmins(tn.Account(t)); n != 2 {
		t.Fatalf("%d active super admins", n)
	}
	svc := service(t, tn)
	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if i%2 == 0 {
				_, errs[i] = svc.Act(context.Background(), owner, second, rules.ActDisable)
			} else {
				_, errs[i] = svc.Act(context.Background(), other, owner.Session.UserID, rules.ActDisable)
			}
		})
	}
	wg.Wait()
	done := 0
	for i, err := range errs {
		switch servertest.CodeOf(t, err) {
		case "":
			done++
		case "unauthenticated", api.CodeInvalidState, api.CodeLastSuperAdmin:
		default:
			t.Errorf("disable %d: %v", i, err)
		}
	}
	if left := users.ActiveSuperAdmins(tn.Account(t)); done != 1 || left != 1 {
		t.Errorf("%d disables done, %d active super admins left; want 1 and 1", done, left)
	}
}
