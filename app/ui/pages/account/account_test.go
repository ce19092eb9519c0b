package account

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/rules"
)

func sampleAccount() api.Account {
	return api.Account{ID: "a1", Name: "Harbour Clinic", Plan: "professional", Preset: "saas-admin",
		Seats: api.Seats{Used: 4, Limit: 5}, Policy: preset.SaaSAdmin.Policy, Modules: preset.SaaSAdmin.Modules, Revision: 7,
		SessionLimits: account.SessionLimits{IdleMinutes: 30, AbsoluteMinutes: 720}}
}

func loadAccount(t *testing.T, f *uitest.Fake, me api.Me) (*Page, app.TestEngine, app.Context) {
	t.Helper()
	if f.AccountData.ID == "" {
		f.AccountData = sampleAccount()
	}
	if f.RoleItems == nil {
		f.RoleItems = uitest.PresetRoles()
	}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: me}
	c.OnMount(ctx)
	e.ConsumeAll()
	if !c.loaded {
		t.Fatalf("not loaded: %q", c.problem)
	}
	return c, e, ctx
}

func TestAccountSeatsAndPlan(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadAccount(t, f, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-account")
	seats := page.MustTestID(t, "account-seats")
	if !strings.Contains(seats.Text(), "4 of 5 seats used") {
		t.Errorf("seats read %q", seats.Text())
	}
	bars := seats.All(func(e *uitest.Node) bool { return e.Attrs["role"] == "progressbar" })
	if len(bars) != 1 {
		t.Fatalf("%d progress bars", len(bars))
	}
	bar := bars[0].Attrs
	if bar["aria-valuenow"] != "4" || bar["aria-valuemin"] != "0" || bar["aria-valuemax"] != "5" || bar["aria-valuetext"] != "4 of 5 seats used" || bar["aria-labelledby"] == "" {
		t.Errorf("progress bar %v", bar)
	}
	if !strings.Contains(bar["class"], "seats-high") {
		t.Errorf("4 of 5 not marked as high: %q", bar["class"])
	}

	sel := page.MustTestID(t, "account-plan-select")
	var opts []string
	for _, o := range sel.All(func(e *uitest.Node) bool { return e.Tag == "option" }) {
		opts = append(opts, o.Text())
	}
	if !slices.Equal(opts, []string{"Starter — 2 seats", "Professional — 5 seats (current)", "Business — 15 seats", "Enterprise — 50 seats"}) {
		t.Errorf("plans %v", opts)
	}
	if page.MustTestID(t, "account-plan-save").Attrs["disabled"] != "true" {
		t.Error("change enabled with the current plan chosen")
	}

	// Too small a plan: the server's refusal, said clearly.
	c.plan = "starter"
	f.Refuse = uitest.RefusalError(api.CodeSeatLimitReached, "Starter has 2 seats and 4 are in use; revoke or delete users first.")
	c.savePlan(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "account-plan-error"); got.Text() != "Starter has 2 seats and 4 are in use; revoke or delete users first." || got.Attrs["role"] != "alert" {
		t.Errorf("refusal %q %v", got.Text(), got.Attrs)
	}
	if !strings.Contains(page.MustTestID(t, "account-plan-select").Attrs["aria-describedby"], "account-plan-error") {
		t.Error("the select is not described by the refusal")
	}

	c.plan = "business"
	c.savePlan(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if page.ByTestID("account-plan-error") != nil {
		t.Error("old refusal still shown")
	}
	bar = page.MustTestID(t, "account-seats").All(func(e *uitest.Node) bool { return e.Attrs["role"] == "progressbar" })[0].Attrs
	if bar["aria-valuemax"] != "15" {
		t.Errorf("bar after the change %v", bar)
	}
	if got := page.MustTestID(t, "account-status").Text(); got != "Plan changed to Business: 15 seats." {
		t.Errorf("status %q", got)
	}
	if want := []string{"patch-account plan=starter", "patch-account plan=business"}; !slices.Equal(f.Logged(), want) {
		t.Errorf("calls %v", f.Logged())
	}
	// The whole console follows: the shared api.Me holds the new account.
	var me api.Me
	ctx.GetState(session.StateMe, &me)
	if me.Account.Seats.Limit != 15 {
		t.Errorf("shared api.Me has %d seats", me.Account.Seats.Limit)
	}
}

func TestAccountPolicy(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadAccount(t, f, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	if page.MustTestID(t, "account-policy-2fa-none").Attrs["checked"] != "true" {
		t.Error("none not checked")
	}
	if page.MustTestID(t, "account-policy-overrides").Attrs["checked"] != "true" || page.MustTestID(t, "account-policy-ladder").Attrs["checked"] != "false" {
		t.Error("switches do not show the policy")
	}
	if page.ByTestID("account-policy-grace") != nil {
		t.Error("grace period asked for with 2FA optional")
	}
	for _, id := range []string{"account-policy-idle", "account-policy-absolute", "account-policy-ladder", "account-policy-overrides"} {
		el := page.MustTestID(t, id)
		if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == el.Attrs["id"] }); len(labels) != 1 {
			t.Errorf("%s has %d labels", id, len(labels))
		}
	}

	c.policy.TwoFactor.Required = "roles"
	c.policyEdit = true
	page = uitest.Render(t, c)
	page.MustTestID(t, "account-policy-grace")
	page.MustTestID(t, "account-policy-2fa-role-admin")
	// Roles asked for, none chosen.
	c.savePolicy(ctx)
	if len(f.Logged()) != 0 || uitest.Render(t, c).MustTestID(t, "account-policy").Text() == "" {
		t.Fatalf("sent %v", f.Logged())
	}
	c.policy.TwoFactor.Roles = []string{"admin", "super_admin"}
	c.policy.TwoFactor.GraceDays = 14
	c.policy.Ladder = true
	// The server refuses: turn on 2FA yourself first.
	f.Refuse = uitest.RefusalError(api.CodeInvalidState, "Turn on two-factor sign-in for yourself before requiring it of others.")
	c.savePolicy(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "account-policy-error").Text(); got != "Turn on two-factor sign-in for yourself before requiring it of others." {
		t.Errorf("refusal %q", got)
	}
	// Field errors go to their fields.
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.",
		Fields: map[string]string{"two_factor.grace_days": "0 to 90 days."}}}
	c.savePolicy(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "account-policy-grace-error").Text(); got != "0 to 90 days." {
		t.Errorf("grace error %q", got)
	}
	c.savePolicy(ctx)
	e.ConsumeAll()
	log := f.Logged()
	if log[len(log)-1] != "patch-account 2fa=roles:admin,super_admin ladder=on overrides=on" {
		t.Errorf("calls %v", log)
	}
	if got := uitest.Render(t, c).MustTestID(t, "account-status").Text(); got != "Security policy saved; it applies at once." {
		t.Errorf("status %q", got)
	}
}

// An admin sees the account (account.view) but may change neither it
// (account.manage) nor the plan (billing.manage): greyed out, with why.
func TestAccountReadOnly(t *testing.T) {
	c, _, _ := loadAccount(t, &uitest.Fake{}, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	for _, id := range []string{"account-plan-select", "account-plan-save", "account-policy-2fa-all", "account-policy-ladder", "account-policy-idle", "account-policy-save", "account-name", "account-name-save"} {
		if page.MustTestID(t, id).Attrs["disabled"] != "true" {
			t.Errorf("%s enabled", id)
		}
	}
	if got := page.MustTestID(t, "account-policy-reason").Text(); !strings.Contains(got, "“Account settings: Manage”") {
		t.Errorf("policy reason %q", got)
	}
	if got := page.MustTestID(t, "account-plan-why").Text(); !strings.Contains(got, "“Account settings: Manage”") {
		t.Errorf("plan reason %q", got)
	}
	if page.ByTestID("outbox") != nil {
		t.Error("the outbox is shown to an admin")
	}
}

func TestAccountPlanNeedsBilling(t *testing.T) {
	me := uitest.MeAs("admin")
	me.Permissions = append(me.Permissions, "account.manage")
	c, _, _ := loadAccount(t, &uitest.Fake{}, me)
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "account-plan-why").Text(); got != "Changing the plan needs the permission “Billing & subscription: Manage”." {
		t.Errorf("plan reason %q", got)
	}
	if page.MustTestID(t, "account-policy-save").Attrs["disabled"] == "true" {
		t.Error("policy locked with account.manage")
	}
}

// Relaxing a protection is a super admin's: an admin with account.manage
// sees Save greyed out, with the server's sentence, as soon as their edit
// relaxes one, and may save again once it only tightens.
func TestAccountPolicyRelaxingIsASuperAdmins(t *testing.T) {
	me := uitest.MeAs("admin")
	me.Permissions = append(me.Permissions, "account.manage")
	c, _, _ := loadAccount(t, &uitest.Fake{}, me)
	if uitest.Render(t, c).ByTestID("account-policy-relax") != nil {
		t.Error("a reason shown before any edit")
	}
	for _, edit := range []struct {
		name, says string
		change     func(p *account.Policy)
	}{
		{"overrides off", "Only a super admin can switch per-user overrides on or off.", func(p *account.Policy) { p.Overrides = false }},
		{"longer idle sessions", "Only a super admin can let sessions stay idle longer.", func(p *account.Policy) { p.SessionIdleMinutes = 0; c.account.Policy.SessionIdleMinutes = 10 }},
		{"shorter passwords", "Only a super admin can allow shorter passwords.", func(p *account.Policy) { p.PasswordMinLength = 8 }},
	} {
		c.policy, c.account.Policy = c.account.Policy, sampleAccount().Policy
		edit.change(&c.policy)
		page := uitest.Render(t, c)
		if got := page.MustTestID(t, "account-policy-relax").Text(); got != edit.says {
			t.Errorf("%s: reason %q", edit.name, got)
		}
		if page.MustTestID(t, "account-policy-save").Attrs["disabled"] != "true" {
			t.Errorf("%s: Save open", edit.name)
		}
	}
	c.account.Policy = sampleAccount().Policy
	c.policy = c.account.Policy
	c.policy.Ladder, c.policy.SessionIdleMinutes = true, 15
	page := uitest.Render(t, c)
	if page.ByTestID("account-policy-relax") != nil || page.MustTestID(t, "account-policy-save").Attrs["disabled"] == "true" {
		t.Error("tightening is greyed out")
	}
	if got := page.MustTestID(t, "account-policy-idle").Attrs["max"]; got != "30" {
		t.Errorf("idle minutes capped at %q, want the server's 30", got)
	}
}

// Without billing.view the plan is not shown: the seats in use are.
func TestAccountPlanHiddenWithoutBillingView(t *testing.T) {
	f := &uitest.Fake{AccountData: sampleAccount()}
	f.AccountData.Plan, f.AccountData.Seats.Limit = "", 0
	c, _, _ := loadAccount(t, f, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	if page.ByTestID("account-plan-select") != nil {
		t.Error("the plan is offered")
	}
	if got := page.MustTestID(t, "account-seats").Text(); !strings.Contains(got, "4") || strings.Contains(got, "of") {
		t.Errorf("seats %q", got)
	}
	page.MustTestID(t, "account-plan-hidden")
}

func TestAccountOutbox(t *testing.T) {
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	f := &uitest.Fake{MailItems: []api.MailMessage{{ID: "m1", At: at, To: "ivy@clinic.example", Subject: "You are invited to Harbour Clinic",
		Text: "Hello Ivy,\n\nchoose your password here:\n\nhttps://console.example/invite?token=abc_123.\n\nThanks."}}}
	c, _, _ := loadAccount(t, f, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	item := page.MustTestID(t, "outbox").MustTestID(t, "outbox-item-m1")
	for _, want := range []string{"You are invited to Harbour Clinic", "To ivy@clinic.example", at.Local().Format("2 Jan 2006, 15:04"), "choose your password here"} {
		if !strings.Contains(item.Text(), want) {
			t.Errorf("item lacks %q: %q", want, item.Text())
		}
	}
	links := item.All(func(e *uitest.Node) bool { return e.Tag == "a" })
	if len(links) != 1 || links[0].Attrs["href"] != "https://console.example/invite?token=abc_123" {
		t.Errorf("links %v", links)
	}
}

func TestLinkify(t *testing.T) {
	got := uitest.Render(t, app.Div().Body(linkify("a http://x.test/a?b=1, and https://y.test/.")...))
	links := got.All(func(e *uitest.Node) bool { return e.Tag == "a" })
	if len(links) != 2 || links[0].Attrs["href"] != "http://x.test/a?b=1" || links[1].Attrs["href"] != "https://y.test/" {
		t.Errorf("links %v", links)
	}
	if got.Text() != "a http://x.test/a?b=1 , and https://y.test/ ." {
		t.Errorf("text %q", got.Text())
	}
}

func TestAccountPolicyKeepsEdits(t *testing.T) {
	f := &uitest.Fake{}
	me := uitest.MeAs("super_admin")
	c, e, ctx := loadAccount(t, f, me)
	c.policy.Ladder, c.policyEdit = true, true
	f.Mu.Lock()
	f.AccountData.Name = "Renamed elsewhere"
	f.AccountData.Policy = account.Policy{TwoFactor: account.TwoFactor{Required: "all"}}
	f.Mu.Unlock()
	me.Account.Revision++
	c.Me = me
	c.OnUpdate(ctx)
	e.ConsumeAll()
	if !c.policy.Ladder || c.policy.TwoFactor.Required == "all" {
		t.Error("an edit in progress was overwritten")
	}
	if c.name != "Renamed elsewhere" {
		t.Errorf("name %q", c.name)
	}
}

// Modules: a super admin with billing.manage turns them on and off, each
// checkbox labelled with the module's name; an admin who manages the
// account sees them greyed out, with the server's sentence.
func TestAccountModules(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadAccount(t, f, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	for _, m := range optionalModules() {
		box := page.MustTestID(t, "account-module-"+m.Key)
		want := map[bool]string{true: "true", false: "false"}[slices.Contains(preset.SaaSAdmin.Modules, m.Key)]
		if box.Attrs["checked"] != want || box.Attrs["disabled"] == "true" {
			t.Errorf("%s: checked %q disabled %q; want checked %s, enabled", m.Key, box.Attrs["checked"], box.Attrs["disabled"], want)
		}
		labels := page.All(func(n *uitest.Node) bool { return n.Tag == "label" && n.Attrs["for"] == box.Attrs["id"] })
		if len(labels) != 1 || labels[0].Text() != m.Name {
			t.Errorf("%s: %d labels", m.Key, len(labels))
		}
	}
	if page.MustTestID(t, "account-modules-save").Attrs["disabled"] != "true" {
		t.Error("Save offered with nothing changed")
	}
	c.modules = []string{"events", "patients"}
	c.modulesEdit = true
	c.saveModules(ctx)
	e.ConsumeAll()
	log := f.Logged()
	if log[len(log)-1] != "patch-account modules=events,patients" {
		t.Errorf("calls %v", log)
	}
	if c.modulesEdit || !slices.Equal(c.account.Modules, []string{"events", "patients"}) {
		t.Errorf("after saving: edit %v, account modules %v", c.modulesEdit, c.account.Modules)
	}

	me := uitest.MeAs("admin")
	me.Permissions = append(me.Permissions, "account.manage", "billing.manage")
	c, _, _ = loadAccount(t, &uitest.Fake{}, me)
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "account-modules-why").Text(); got != rules.ChangeModules(me.Actor()).Message {
		t.Errorf("reason %q", got)
	}
	if page.MustTestID(t, "account-module-events").Attrs["disabled"] != "true" {
		t.Error("an admin may tick modules")
	}
}
