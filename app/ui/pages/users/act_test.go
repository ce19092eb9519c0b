package users

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

func TestUsersRevokeConfirmation(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-staff", "revoke", "user-action-revoke-u-staff")
	page := uitest.Render(t, c)
	dialog := page.MustTestID(t, "confirm-dialog")
	if !strings.Contains(dialog.Text(), "Sam Staff will immediately lose their login. Their profile stays and they can be re-invited later.") {
		t.Errorf("confirmation reads %q", dialog.Text())
	}
	if got := page.MustTestID(t, "confirm-ok").Text(); got != "Revoke access" {
		t.Errorf("ok button %q", got)
	}
	c.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	if !slices.Equal(f.Logged(), []string{"revoke u-staff"}) {
		t.Errorf("calls %v", f.Logged())
	}
	page = uitest.Render(t, c)
	if page.ByTestID("confirm-dialog") != nil {
		t.Error("dialog still open")
	}
	if got := rowIDs(page, "inactive-section"); !slices.Contains(got, "u-staff") {
		t.Errorf("revoked user not under Inactive: %v", got)
	}
	if got := page.MustTestID(t, "users-status").Text(); got != "Sam Staff can no longer sign in." {
		t.Errorf("status = %q", got)
	}
}

func TestUsersConfirmationsNameThePerson(t *testing.T) {
	tests := []struct {
		id, action, want, call string
	}{
		{"u-ivy", "revoke", "The link in the invitation email to ivy@clinic.example stops working", "revoke u-ivy"},
		{"u-ivy", "invite", "A new link goes to ivy@clinic.example", "invite u-ivy"},
		{"u-admin", "disable", "Ada Admin is signed out at once", "disable u-admin"},
		{"u-dan", "enable", "Dan Disabled can sign in again", "enable u-dan"},
		{"u-admin", "delete", "Ada Admin loses their login at once and moves to Restore staff", "delete u-admin"},
		{"u-del", "restore", "Del Deleted comes back", "restore u-del"},
		{"u-del", "purge", "removed permanently. This cannot be undone.", "purge u-del"},
		{"u-staff", "reset-2fa", "Sam Staff signs in with their password alone", "reset-2fa u-staff"},
		{"u-admin", "sessions", "Every session of Ada Admin ends at once", "end-sessions u-admin"},
		{"u-admin", "lockout", "Clearing forgets those failures, so Ada Admin can sign in at once from anywhere.", "clear-lockout u-admin"},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.id, func(t *testing.T) {
			f := &uitest.Fake{}
			c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
			c.start(ctx, tt.id, tt.action, "x")
			if got := uitest.Render(t, c).MustTestID(t, "confirm-dialog").Text(); !strings.Contains(got, tt.want) {
				t.Errorf("confirmation reads %q", got)
			}
			c.confirmer.Confirmed(ctx)
			e.ConsumeAll()
			if !slices.Equal(f.Logged(), []string{tt.call}) {
				t.Errorf("calls %v", f.Logged())
			}
		})
	}
}

// The lockout confirmation says whether sign-ins wait now, and until when,
// as the server reads it when the dialog opens.
func TestUsersLockoutConfirmationSaysUntilWhen(t *testing.T) {
	until := time.Date(2026, 12, 2, 14, 5, 0, 0, time.UTC)
	for _, tt := range []struct {
		name   string
		locked *time.Time
		want   string
	}{
		{"locked", &until, "Sign-ins from new browsers wait until " + kit.DateTime(until) + "."},
		{"not locked", nil, "No sign-in waits now: Ada Admin can sign in."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := &uitest.Fake{}
			c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
			f.UserItems[f.UserIndex("u-admin")].LockedUntil = tt.locked
			c.start(ctx, "u-admin", "lockout", "x")
			e.ConsumeAll()
			if got := uitest.Render(t, c).MustTestID(t, "confirm-details").Text(); got != tt.want {
				t.Errorf("details read %q; want %q", got, tt.want)
			}
		})
	}
}

func TestUsersActionRefusedByServer(t *testing.T) {
	f := &uitest.Fake{Refuse: uitest.RefusalError(api.CodeSeatLimitReached, "Every seat of the Professional plan is taken (5).")}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-rita", "invite", "x")
	c.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "confirm-error").Text(); got != "Every seat of the Professional plan is taken (5)." {
		t.Errorf("error = %q", got)
	}
}

// A refused action is not sent, even when asked for by other means.
func TestUsersRulesGuardActions(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("admin"))
	c.start(ctx, "u-super_admin", "disable", "x")
	e.ConsumeAll()
	if c.confirmer.Pending() != nil || len(f.Logged()) != 0 {
		t.Errorf("asked anyway: %v", f.Logged())
	}
	if c.status != "Only a Super Admin can change a Super Admin." {
		t.Errorf("status = %q", c.status)
	}
}

// Acting on the login of someone who holds more than oneself is refused
// by the server; the page greys out every such action on their row, with
// the server's sentence, before anything is tried.
func TestUsersActionsOnAStrongerColleagueAreGreyedOut(t *testing.T) {
	users := append(uitest.SampleUsers(), api.User{ID: "u-bill", Name: "Bea Billing", Email: "bea@clinic.example", RoleID: "read_only", Status: "active",
		Overrides: perm.Overrides{Grant: []string{"billing.manage"}}})
	c, _, _ := loadUsers(t, &uitest.Fake{UserItems: users}, usersMe("admin"))
	page := uitest.Render(t, c)
	got := actions(page, "u-bill")
	if len(got) == 0 {
		t.Fatal("no actions on the row")
	}
	for _, a := range got {
		if !strings.HasSuffix(a, "(disabled)") {
			t.Errorf("action %s is open on a colleague holding billing.manage: %v", a, got)
		}
	}
	const why = "You cannot act on the login of someone who holds a permission you do not hold (“Billing & subscription: Manage”)."
	for _, id := range []string{"revoke", "disable", "reset-password", "sessions", "delete"} {
		if d := uitest.DescribedBy(page, page.MustTestID(t, "user-action-"+id+"-u-bill")); d != why {
			t.Errorf("%s described as %q", id, d)
		}
	}
	// The same admin acts on a colleague they hold everything of.
	if got := actions(page, "u-read_only"); slices.ContainsFunc(got, func(a string) bool { return strings.HasSuffix(a, "(disabled)") }) {
		t.Errorf("reader's row: %v", got)
	}
}
