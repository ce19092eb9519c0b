package audit

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func sampleAudit() map[string]api.AuditPage {
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	actor := api.AuditActor{ID: "u1", Name: "Demo Owner", Email: "owner@clinic.example"}
	return map[string]api.AuditPage{
		"": {Items: []api.AuditEntry{
			{ID: "e3", At: at, Actor: actor, Action: "role.grant", Summary: "Granted audit.view to Staff",
				Target: api.AuditTarget{Type: "role", ID: "staff", Name: "Staff"}, Revertible: true},
			{ID: "e2", At: at.Add(-time.Hour), Actor: actor, Action: "user.create", Summary: "Added Sam Staff",
				Target: api.AuditTarget{Type: "user", ID: "u2", Name: "Sam Staff"}},
			{ID: "e1", At: at.Add(-2 * time.Hour), Actor: actor, Action: "role.revoke", Summary: "Revoked users.view from Read-Only",
				Target: api.AuditTarget{Type: "role", ID: "read_only", Name: "Read-Only"}, Revertible: true, RevertedBy: "e0"},
		}, NextCursor: "page2"},
		"page2": {Items: []api.AuditEntry{
			{ID: "e0", At: at.Add(-3 * time.Hour), Actor: actor, Action: "role.create", Summary: "Created role Nurse",
				Target: api.AuditTarget{Type: "role", ID: "nurse", Name: "Nurse"}},
		}},
	}
}

func loadAudit(t *testing.T, f *uitest.Fake, me api.Me) (*Page, app.TestEngine, app.Context) {
	t.Helper()
	if f.AuditPages == nil {
		f.AuditPages = sampleAudit()
	}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: me}
	c.OnMount(ctx)
	e.ConsumeAll()
	return c, e, ctx
}

func TestAuditList(t *testing.T) {
	c, e, ctx := loadAudit(t, &uitest.Fake{}, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-audit")
	if got := page.TestIDs("audit-entry-"); !slices.Equal(got, []string{"audit-entry-e3", "audit-entry-e2", "audit-entry-e1"}) {
		t.Errorf("entries = %v", got)
	}
	entry := page.MustTestID(t, "audit-entry-e3")
	for _, want := range []string{"Granted audit.view to Staff", "Demo Owner", "Role: Staff", time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC).Local().Format("2 Jan 2006, 15:04")} {
		if !strings.Contains(entry.Text(), want) {
			t.Errorf("entry lacks %q: %q", want, entry.Text())
		}
	}
	if times := entry.All(func(e *uitest.Node) bool { return e.Tag == "time" }); len(times) != 1 || times[0].Attrs["datetime"] != "2025-03-04T09:30:00Z" {
		t.Errorf("time element = %v", times)
	}

	c.loadMore(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if got := page.TestIDs("audit-entry-"); !slices.Equal(got, []string{"audit-entry-e3", "audit-entry-e2", "audit-entry-e1", "audit-entry-e0"}) {
		t.Errorf("entries after more = %v", got)
	}
	if page.ByTestID("audit-more") != nil {
		t.Error("load more at the end of the log")
	}
}

func TestAuditRevertOnlyWhenAllowed(t *testing.T) {
	t.Run("roles.edit", func(t *testing.T) {
		c, _, _ := loadAudit(t, &uitest.Fake{}, uitest.MeAs("admin"))
		page := uitest.Render(t, c)
		if got := page.TestIDs("audit-revert-"); !slices.Equal(got, []string{"audit-revert-e3"}) {
			t.Errorf("revert buttons = %v; want e3 only (e2 cannot be undone, e1 already was)", got)
		}
		if got := page.MustTestID(t, "audit-entry-e1").Text(); !strings.Contains(got, "Undone") {
			t.Errorf("reverted entry = %q", got)
		}
		if page.ByTestID("audit-reason") != nil {
			t.Error("reason shown to someone who may revert")
		}
	})
	t.Run("without roles.edit", func(t *testing.T) {
		me := uitest.MeAs("read_only")
		me.Permissions = append(me.Permissions, "audit.view")
		c, _, _ := loadAudit(t, &uitest.Fake{}, me)
		page := uitest.Render(t, c)
		if got := page.TestIDs("audit-revert-"); len(got) != 0 {
			t.Errorf("revert buttons = %v", got)
		}
		if got := page.MustTestID(t, "audit-reason").Text(); got != "Undoing a change needs the permission “Roles & permissions: Edit”." {
			t.Errorf("reason = %q", got)
		}
	})
}

func TestAuditRevert(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadAudit(t, f, uitest.MeAs("super_admin"))
	c.askRevert(ctx, "e3")
	dialog := uitest.Render(t, c).MustTestID(t, "confirm-dialog")
	if got := dialog.All(func(e *uitest.Node) bool { return e.Tag == "h2" })[0].Text(); got != "Undo: Granted audit.view to Staff?" {
		t.Errorf("title = %q", got)
	}
	c.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	if !slices.Equal(f.Reverted, []string{"e3"}) || page.ByTestID("confirm-dialog") != nil {
		t.Fatalf("reverted %v", f.Reverted)
	}
	if got := page.TestIDs("audit-entry-"); got[0] != "audit-entry-undo-e3" {
		t.Errorf("list not refreshed: %v", got)
	}
	if page.ByTestID("audit-revert-e3") != nil || !strings.Contains(page.MustTestID(t, "audit-entry-e3").Text(), "Undone") {
		t.Error("the undone entry does not say so")
	}
}

func TestAuditRevertRefused(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadAudit(t, f, uitest.MeAs("super_admin"))
	c.askRevert(ctx, "e3")
	f.Refuse = uitest.RefusalError(api.CodeInvalidState, "Staff no longer exists.")
	c.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "confirm-error").Text(); got != "Staff no longer exists." {
		t.Errorf("error = %q", got)
	}
}

func TestAuditRefreshKeepsOlderPages(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadAudit(t, f, uitest.MeAs("super_admin"))
	c.loadMore(ctx)
	e.ConsumeAll()
	first := f.AuditPages[""]
	first.Items = append([]api.AuditEntry{{ID: "e4", Summary: "Granted events.view to Staff"}}, first.Items...)
	f.AuditPages[""] = first
	me := uitest.MeAs("super_admin")
	me.Account.Revision++
	c.Me = me
	c.OnUpdate(ctx)
	e.ConsumeAll()
	want := []string{"audit-entry-e4", "audit-entry-e3", "audit-entry-e2", "audit-entry-e1", "audit-entry-e0"}
	if got := uitest.Render(t, c).TestIDs("audit-entry-"); !slices.Equal(got, want) {
		t.Errorf("entries = %v", got)
	}
}
