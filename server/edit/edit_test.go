package edit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// A request authenticated just before its user stopped being an active
// member (disabled, deleted, or gone from the account) changes nothing:
// Apply judges the acting user as the account is inside the update, not as
// the request found them, and answers ErrUnauthenticated without running
// the change or writing an audit record. While active, the same principal
// changes the account and records it.
func TestApplyRefusesAUserWhoIsNoLongerActive(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	acct, owner, err := accounts.Create(ctx, st, accounts.New{Name: "Clinic", OwnerName: "Owner", Email: "owner@edit.example", Password: "owner-password-1"})
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := auth.New(st, auth.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := sessions.Login(ctx, auth.Attempt{Email: "owner@edit.example", Password: "owner-password-1"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := sessions.Authenticate(ctx, in.Token)
	if err != nil {
		t.Fatal(err)
	}
	setMember := func(change func(a *tenant.Account)) {
		t.Helper()
		if _, err := st.Accounts.Update(ctx, acct.ID, func(a *tenant.Account) error { change(a); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	active := p.Member
	cases := []struct {
		name   string
		member func(a *tenant.Account)
		want   error
	}{
		{"disabled", func(a *tenant.Account) { m := active; m.Status = rules.StatusDisabled; a.Members[owner.ID] = m }, auth.ErrUnauthenticated},
		{"deleted", func(a *tenant.Account) { m := active; m.Status = rules.StatusDeleted; a.Members[owner.ID] = m }, auth.ErrUnauthenticated},
		{"invited again", func(a *tenant.Account) { m := active; m.Status = rules.StatusInvited; a.Members[owner.ID] = m }, auth.ErrUnauthenticated},
		{"gone", func(a *tenant.Account) { delete(a.Members, owner.ID) }, auth.ErrUnauthenticated},
		{"still active", func(a *tenant.Account) { a.Members[owner.ID] = active }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			setMember(c.member)
			before, err := st.Accounts.Get(ctx, acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			ran := false
			after, rec, err := edit.Apply(ctx, st, p, time.Now(), func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
				ran = true
				// Before is recorded as JSON; an After left nil, as a
				// deletion leaves it, is recorded as nothing.
				rec.Before = map[string]string{"name": a.Name}
				a.Name = "Renamed " + c.name
				rec.Action, rec.Summary = "account.update", "Renamed the account"
				return nil
			})
			if !errors.Is(err, c.want) {
				t.Fatalf("Apply: %v; want %v", err, c.want)
			}
			stored, err := st.Accounts.Get(ctx, acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.want != nil {
				if ran || rec != nil || stored.Revision != before.Revision || stored.Name != before.Name || stored.AuditCount != before.AuditCount {
					t.Errorf("refused, yet the change ran %v, recorded %+v; revision %d -> %d, name %q, audit records %d -> %d",
						ran, rec, before.Revision, stored.Revision, stored.Name, before.AuditCount, stored.AuditCount)
				}
				return
			}
			if !ran || rec == nil || after.Name != "Renamed still active" || stored.Name != after.Name || stored.AuditCount != before.AuditCount+1 {
				t.Fatalf("allowed change: ran %v, record %+v, name %q, audit records %d -> %d", ran, rec, stored.Name, before.AuditCount, stored.AuditCount)
			}
			if rec.Actor.ID != owner.ID || rec.Action != "account.update" || rec.Before != `{"name":"Clinic"}` || rec.After != "" {
				t.Errorf("record %+v", rec)
			}
		})
	}
}
