package public

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/pages/signin"
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

func TestSignInLinksAndRecoveryCode(t *testing.T) {
	f := &uitest.Fake{LoginErr: uitest.ApiError(401, api.CodeTOTPRequired)}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &signin.Page{Email: "ada@clinic.example", Password: "pw"}
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "signin-forgot"); got.Attrs["href"] != "/forgot" || got.Text() != "Forgot password?" {
		t.Errorf("forgot link %v %q", got.Attrs, got.Text())
	}
	if page.ByTestID("signin-recovery-toggle") != nil {
		t.Error("recovery offered before a code is asked for")
	}
	c.Submit(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	page.MustTestID(t, "signin-code")
	c.ToggleRecovery(ctx)
	page = uitest.Render(t, c)
	if page.ByTestID("signin-code") != nil {
		t.Error("code field kept with the recovery code")
	}
	rec := page.MustTestID(t, "signin-recovery")
	if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == rec.Attrs["id"] }); len(labels) != 1 || labels[0].Text() != "Recovery code" {
		t.Errorf("labels %v", labels)
	}
	c.Recovery = " k3f9-2xq7-mp4d "
	c.Submit(ctx)
	e.ConsumeAll()
	last := f.Logins[len(f.Logins)-1]
	if last.RecoveryCode != "k3f9-2xq7-mp4d" || last.Code != "" {
		t.Errorf("sent %+v", last)
	}
	if got := uitest.Render(t, c).MustTestID(t, "signin-error").Text(); !strings.HasPrefix(got, "That recovery code did not work.") {
		t.Errorf("error %q", got)
	}
}

func TestSignInNoteAfterReset(t *testing.T) {
	c := &signin.Page{Note: "Your password is changed. Sign in with the new one."}
	if got := uitest.Render(t, c).MustTestID(t, "signin-note").Text(); got != c.Note {
		t.Errorf("note %q", got)
	}
}
