package public

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func TestInvitePage(t *testing.T) {
	f := &uitest.Fake{}
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &InvitePage{token: "tok"}
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-invite")
	pw := page.MustTestID(t, "invite-password")
	if pw.Attrs["type"] != "password" || pw.Attrs["autocomplete"] != "new-password" {
		t.Errorf("password field %v", pw.Attrs)
	}
	if page.MustTestID(t, "invite-submit").Attrs["disabled"] != "" {
		t.Error("submit written disabled (prerendered pages read disabled=false as disabled)")
	}

	c.password = "short"
	c.submit(ctx)
	page = uitest.Render(t, c)
	if page.MustTestID(t, "invite-name-error").Text() != "Enter your name." || page.MustTestID(t, "invite-password-error").Text() != "Use at least 8 characters." {
		t.Error("field errors missing")
	}
	c.name, c.password = "Nora Field", "password"
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Fields: map[string]string{"password": "The password is too common."}}}
	c.submit(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "invite-password-error").Text(); got != "The password is too common." {
		t.Errorf("server's field error %q", got)
	}
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Fields: map[string]string{"token": "Invalid, expired or used."}}}
	c.submit(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "invite-error").Text(); got != linkProblem {
		t.Errorf("link error %q", got)
	}
	ctx.SetState(session.StateMe, uitest.SampleMe())
	c.submit(ctx)
	e.ConsumeAll()
	if p.Mounted() {
		t.Error("not signed in and sent on")
	}
	if got := f.Logged(); got[len(got)-1] != "accept tok Nora Field" {
		t.Errorf("calls %v", got)
	}
	var me api.Me
	ctx.GetState(session.StateMe, &me)
	if me.User.ID != "" {
		t.Error("the previous person's api.Me survived")
	}
}

func TestInviteWithoutToken(t *testing.T) {
	uitest.Use(t, &uitest.Fake{})
	_, ctx, _ := uitest.Context(t)
	c := &InvitePage{name: "Nora", password: "long enough"}
	c.submit(ctx)
	if got := uitest.Render(t, c).MustTestID(t, "invite-error").Text(); got != linkProblem {
		t.Errorf("error %q", got)
	}
}

func TestResetPage(t *testing.T) {
	f := &uitest.Fake{}
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &ResetPage{token: "tok"}
	c.submit(ctx)
	if got := uitest.Render(t, c).MustTestID(t, "reset-password-error").Text(); got != "Enter a password." {
		t.Errorf("error %q", got)
	}
	c.password = "a new long password"
	c.submit(ctx)
	e.ConsumeAll()
	if p.Mounted() || !slices.Equal(f.Logged(), []string{"new-password tok"}) {
		t.Errorf("still here %v, calls %v", p.Mounted(), f.Logged())
	}
}

func TestForgotPage(t *testing.T) {
	f := &uitest.Fake{}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &ForgotPage{email: "not an email"}
	c.submit(ctx)
	if uitest.Render(t, c).MustTestID(t, "forgot-email-error").Text() == "" {
		t.Error("no error for a bad address")
	}
	c.email = " ada@clinic.example "
	c.submit(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	sent := page.MustTestID(t, "forgot-sent")
	if sent.Text() != "If this email has an account, a link is on its way. It works for one hour." || sent.Attrs["role"] != "status" {
		t.Errorf("sent %q %v", sent.Text(), sent.Attrs)
	}
	if !slices.Equal(f.Logged(), []string{"forgot ada@clinic.example"}) {
		t.Errorf("calls %v", f.Logged())
	}
}

// Someone signed in already takes the invitation as they are: the page
// says who they are signed in as, and joins with no new password; the
// server's refusal (another email) is said on the page.
func TestInvitePageJoinsWhenSignedIn(t *testing.T) {
	f := &uitest.Fake{MeData: uitest.MeAs("staff")}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &InvitePage{token: "tok", me: &f.MeData}
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "invite-join-submit").Text(); got != "Join as staff@clinic.example" {
		t.Errorf("join button reads %q", got)
	}
	f.Refuse = uitest.RefusalError(api.CodeInvalidState, "This invitation is for another email. Sign out, then open the link again.")
	c.join(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "invite-join-error").Text(); got != "This invitation is for another email. Sign out, then open the link again." {
		t.Errorf("refusal %q", got)
	}
	c.join(ctx)
	e.ConsumeAll()
	if log := f.Logged(); !slices.Equal(log, []string{"join tok", "join tok"}) {
		t.Errorf("calls %v", log)
	}

	// Nobody signed in: only the form.
	if uitest.Render(t, &InvitePage{token: "tok"}).ByTestID("invite-join") != nil {
		t.Error("the join offer shows with nobody signed in")
	}
}
