package security

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func sampleReview() api.Suggestions {
	return api.Suggestions{Passed: 4, Total: 7, Items: []api.Suggestion{
		{Kind: "without_2fa", Severity: "high", Title: "Admins without two-factor sign-in", Advice: "Ask them to turn it on.", Fix: "remind",
			Users: []api.SuggestionUser{{ID: "u-admin", Name: "Ada Admin", Email: "ada@clinic.example"}, {ID: "u-super_admin", Name: "Sue Super", Email: "sue@clinic.example"}}},
		{Kind: "without_role", Severity: "medium", Title: "Users without a role", Advice: "Assign them a role.", Fix: "assign_role",
			Users: []api.SuggestionUser{{ID: "u-nobody", Name: "Noel Norole", Email: "noel@clinic.example"}}},
		{Kind: "deactivated", Severity: "low", Title: "Deactivated (hidden) admins", Advice: "Enable or revoke.", Fix: "enable",
			Users: []api.SuggestionUser{{ID: "u-dan", Name: "Dan Disabled", Email: "dan@clinic.example"}}},
		{Kind: "inactive_90_days", Severity: "medium", Title: "No sign-in for 90 days", Advice: "Disable or revoke.", Fix: "open_user",
			Users: []api.SuggestionUser{{ID: "u-rob", Name: "Rob Reader", Email: "rob@clinic.example", Detail: "never signed in"}}},
		{Kind: "stale_invites", Severity: "low", Title: "Invitations expired", Advice: "Resend or cancel.", Fix: "resend_invite",
			Users: []api.SuggestionUser{{ID: "u-olga", Name: "Olga Old", Email: "olga@clinic.example", Detail: "expired"}}},
	}}
}

func loadSecurity(t *testing.T, f *uitest.Fake, me api.Me) (*Page, app.TestEngine, app.Context) {
	t.Helper()
	if f.Review.Total == 0 {
		f.Review = sampleReview()
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

func TestSecurityScoreAndFindings(t *testing.T) {
	c, _, _ := loadSecurity(t, &uitest.Fake{}, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-security")
	score := page.MustTestID(t, "security-score")
	if !strings.Contains(score.Text(), "4 of 7 checks pass") || !strings.Contains(score.Text(), "5 findings need your attention") {
		t.Errorf("score reads %q", score.Text())
	}
	if n := len(score.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "score-seg seg-pass" })); n != 4 {
		t.Errorf("%d segments pass", n)
	}
	if n := len(score.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "score-seg seg-fail" })); n != 3 {
		t.Errorf("%d segments fail", n)
	}
	if got := page.TestIDs("finding-"); !slices.Equal(got, []string{"finding-without_2fa", "finding-without_role", "finding-deactivated", "finding-inactive_90_days", "finding-stale_invites"}) {
		t.Errorf("findings %v", got)
	}
	f := page.MustTestID(t, "finding-without_2fa")
	for _, want := range []string{"High severity", "Admins without two-factor sign-in", "Ask them to turn it on.", "Ada Admin", "ada@clinic.example"} {
		if !strings.Contains(f.Text(), want) {
			t.Errorf("finding lacks %q: %q", want, f.Text())
		}
	}
	if got := page.MustTestID(t, "finding-inactive_90_days").Text(); !strings.Contains(got, "never signed in") {
		t.Errorf("detail missing: %q", got)
	}

	fixes := map[string][2]string{ // test id: tag, text or href
		"fix-without_2fa-u-admin":       {"button", "Send a reminder"},
		"fix-deactivated-u-dan":         {"button", "Enable"},
		"fix-stale_invites-u-olga":      {"button", "Resend invite"},
		"fix-without_role-u-nobody":     {"a", "/users?do=role&user=u-nobody"},
		"fix-inactive_90_days-u-rob":    {"a", "/users?user=u-rob"},
		"fix-without_2fa-u-super_admin": {"a", "/me"}, // no reminder to oneself
	}
	for id, want := range fixes {
		el := page.MustTestID(t, id)
		got := el.Text()
		if el.Tag == "a" {
			got = el.Attrs["href"]
		}
		if el.Tag != want[0] || got != want[1] {
			t.Errorf("%s = <%s> %q, want <%s> %q", id, el.Tag, got, want[0], want[1])
		}
	}
}

func TestSecurityOneClickFixes(t *testing.T) {
	tests := []struct {
		id   string
		call string
	}{
		{"fix-without_2fa-u-admin", "remind-2fa u-admin"},
		{"fix-deactivated-u-dan", "enable u-dan"},
		{"fix-stale_invites-u-olga", "invite u-olga"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			f := &uitest.Fake{UserItems: uitest.SampleUsers()}
			c, e, ctx := loadSecurity(t, f, uitest.MeAs("super_admin"))
			var s api.Suggestion
			var u api.SuggestionUser
			for _, it := range c.review.Items {
				for _, x := range it.Users {
					if fixKey(it.Kind, x.ID) == tt.id {
						s, u = it, x
					}
				}
			}
			// Fixed on the server: the finding goes.
			f.Mu.Lock()
			f.Review.Items = slices.DeleteFunc(slices.Clone(f.Review.Items), func(x api.Suggestion) bool { return x.Kind == s.Kind })
			f.Review.Passed++
			f.Mu.Unlock()

			c.apply(ctx, s, u)
			if got := uitest.Render(t, c).MustTestID(t, tt.id); got.Attrs["disabled"] != "true" || got.Text() != "Working…" {
				t.Errorf("while working %v %q", got.Attrs, got.Text())
			}
			e.ConsumeAll()
			if !slices.Equal(f.Logged(), []string{tt.call}) {
				t.Errorf("calls %v", f.Logged())
			}
			page := uitest.Render(t, c)
			if page.ByTestID(tt.id) != nil {
				t.Error("not reviewed again after the fix")
			}
			if got := page.MustTestID(t, "security-score").Text(); !strings.Contains(got, "5 of 7 checks pass") {
				t.Errorf("score %q", got)
			}
			if page.MustTestID(t, "security-status").Text() == "" {
				t.Error("the fix is not announced")
			}
		})
	}
}

// With security.view alone the findings show, but not the fixes.
func TestSecurityWithoutUsersManage(t *testing.T) {
	me := uitest.MeAs("read_only")
	me.Permissions = append(me.Permissions, "security.view")
	c, _, _ := loadSecurity(t, &uitest.Fake{}, me)
	page := uitest.Render(t, c)
	for _, id := range []string{"fix-without_2fa-u-admin", "fix-deactivated-u-dan", "fix-stale_invites-u-olga"} {
		if page.ByTestID(id) != nil {
			t.Errorf("%s offered without users.manage", id)
		}
	}
	// Links to users stay: the person may see them.
	page.MustTestID(t, "fix-inactive_90_days-u-rob")
	if got := page.MustTestID(t, "finding-deactivated").Text(); !strings.Contains(got, "You cannot fix this here. This needs the permission “Users: Manage”.") {
		t.Errorf("no reason given: %q", got)
	}
}

func TestSecurityAllPass(t *testing.T) {
	c, _, _ := loadSecurity(t, &uitest.Fake{Review: api.Suggestions{Passed: 7, Total: 7, Items: []api.Suggestion{}}}, uitest.MeAs("super_admin"))
	if got := uitest.Render(t, c).MustTestID(t, "security-score").Text(); !strings.Contains(got, "7 of 7 checks pass") || !strings.Contains(got, "Every check passes.") {
		t.Errorf("score %q", got)
	}
}
