package edit_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Apply judges the actor as the account is inside the update, writes the
// change and its audit record together or neither, and records nothing for
// a change that names no action.
func TestApply(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin")
	ctx := context.Background()
	admin := tn.As["admin"] // as the request found them: an admin
	id := admin.Session.UserID
	refused := &rules.Refusal{Code: api.CodeForbidden, Message: "No."}
	cases := []struct {
		name   string
		setUp  func(a *tenant.Account)
		change edit.Change
		want   error
		// name is the account's name after; recorded, whether a record
		// was written, by whom.
		after    string
		recorded bool
		actor    string
	}{
		{"refused", nil, func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
			a.Name, rec.Action = "Refused", "account.update"
			return refused
		}, refused, "Clinic", false, ""},
		{"no action named", nil, func(a *tenant.Account, _ rules.Actor, _ *edit.Record) error {
			a.Name = "Quiet"
			return nil
		}, nil, "Quiet", false, ""},
		{"recorded, by the actor's name as it is now", func(a *tenant.Account) {
			m := a.Members[id]
			m.Name = "Ada Renamed"
			a.Members[id] = m
		}, func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
			a.Name, rec.Action, rec.Summary = "Loud", "account.update", "Renamed the account"
			return nil
		}, nil, "Loud", true, "Ada Renamed"},
		{"judged by the role the actor holds now", func(a *tenant.Account) {
			m := a.Members[id]
			m.RoleID = "staff"
			a.Members[id] = m
		}, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
			if !actor.Subject.Can("users.manage") {
				return refused
			}
			a.Name, rec.Action = "Managed", "account.update"
			return nil
		}, refused, "Loud", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.setUp != nil {
				tn.Change(t, c.setUp)
			}
			before := tn.Account(t)
			_, rec, err := edit.Apply(ctx, tn.Store, admin, time.Now(), c.change)
			if !errors.Is(err, c.want) {
				t.Fatalf("Apply: %v; want %v", err, c.want)
			}
			after := tn.Account(t)
			if after.Name != c.after {
				t.Errorf("name %q; want %q", after.Name, c.after)
			}
			if got := after.AuditCount - before.AuditCount; got != map[bool]int64{true: 1, false: 0}[c.recorded] || (rec != nil) != c.recorded {
				t.Fatalf("%d audit records, returned %+v; want recorded %v", got, rec, c.recorded)
			}
			if c.recorded && (rec.Actor.ID != id || rec.Actor.Name != c.actor) {
				t.Errorf("recorded by %+v; want %s", rec.Actor, c.actor)
			}
			if c.want != nil && after.Revision != before.Revision {
				t.Errorf("a refused change moved the revision %d -> %d", before.Revision, after.Revision)
			}
		})
	}
}

// 50 changes at once each land once, with their own audit record: every
// change is applied to the account as the one before it left it.
func TestApplyUnderABurst(t *testing.T) {
	tn := servertest.NewTenant(t, nil)
	owner := tn.As["super_admin"]
	before := tn.Account(t)
	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, _, errs[i] = edit.Apply(context.Background(), tn.Store, owner, time.Now(), func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
				a.Members["u-burst-"+strconv.Itoa(i)] = tenant.Member{Name: "Burst " + strconv.Itoa(i), RoleID: "staff", Status: rules.StatusInvited}
				rec.Action, rec.Summary = "user.create", "Invited Burst "+strconv.Itoa(i)
				return nil
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("change %d: %v", i, err)
		}
	}
	after := tn.Account(t)
	if got := len(after.Members) - len(before.Members); got != n {
		t.Errorf("%d of %d members landed", got, n)
	}
	if got := after.AuditCount - before.AuditCount; got != n {
		t.Errorf("%d audit records for %d changes", got, n)
	}
}
